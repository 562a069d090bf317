package dev.lbguard.source.resources;

import dev.lbguard.source.value.Value;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Links an attribute such as {@code listener_arn} to the resource instance it names: through a
 * known-after-apply reference (from HCL) or through a literal ARN/id (from state files, where the
 * attributes of every resource are known).
 */
public final class References {

    /** How a reference resolved. */
    enum Kind {
        /** A resource instance in this evaluation. */
        RESOLVED,
        /** Something managed elsewhere but stably named: a data source, or a literal ARN of nothing here. */
        EXTERNAL,
        /** A reference to a managed resource that is not in this evaluation (or of the wrong type). */
        MISSING,
        /**
         * A value known only after apply from a resource here that is not its ARN or id, or the ARN of a resource
         * of another type: computed from one ({@code lower(x.arn)}), or another attribute. It names no resource.
         */
        MISMATCHED,
        /** The value could not be evaluated. */
        UNEVALUABLE,
        /** Not set. */
        ABSENT
    }

    /**
     * The outcome of resolving one value.
     *
     * @param name the resolved address, or the best name the value had (reference, ARN, or reason)
     */
    record Link(Kind kind, String name) {
        static Link of(Kind kind, String name) {
            return new Link(kind, name);
        }
    }

    // What a resolution reads: the canonical type at each address, and the address an ARN or id names; and the
    // resources they were made of.
    private final Map<String, String> typeByAddress = new HashMap<>();
    private final Map<String, String> addressByArn = new HashMap<>();
    private final List<ResourceInstance> resources;

    References(List<ResourceInstance> resources) {
        this.resources = resources;
        for (ResourceInstance r : resources) {
            typeByAddress.put(r.address(), canonical(r.type()));
            // Plain loops: built over every resource at every commit of a history, where nearly no ARN is known.
            for (int i = 0; i < ARN_ATTRIBUTES.size(); i++) {
                Optional<String> arn = TfValues.str(r.attributes().get(ARN_ATTRIBUTES.get(i)));
                if (arn.isPresent() && !arn.get().isEmpty()) {
                    addressByArn.putIfAbsent(arn.get(), r.address());
                }
            }
        }
    }

    /**
     * The references of {@code resources}: these, when they were made of resources at the same addresses, of the
     * same types and with the same ARNs and ids, in the same order (what a history's commit that edits a rule
     * leaves alike); else new ones. Comparing costs less than hashing every address again.
     */
    References of(List<ResourceInstance> resources) {
        if (resources.size() != this.resources.size()) {
            return new References(resources);
        }
        for (int i = 0; i < resources.size(); i++) {
            ResourceInstance x = this.resources.get(i);
            ResourceInstance y = resources.get(i);
            if (!x.address().equals(y.address()) || !x.type().equals(y.type())
                    || x.attributes() != y.attributes() && !sameArns(x, y)) {
                return new References(resources);
            }
        }
        return this;
    }

    private static boolean sameArns(ResourceInstance x, ResourceInstance y) {
        for (int i = 0; i < ARN_ATTRIBUTES.size(); i++) {
            if (!TfValues.str(x.attributes().get(ARN_ATTRIBUTES.get(i)))
                    .equals(TfValues.str(y.attributes().get(ARN_ATTRIBUTES.get(i))))) {
                return false;
            }
        }
        return true;
    }

    private static final List<String> ARN_ATTRIBUTES = List.of("arn", "id");

    /** True when every value resolves here as in {@code other}: the same addresses of the same types, the same ARNs. */
    boolean resolvesAs(References other) {
        return this == other || typeByAddress.equals(other.typeByAddress) && addressByArn.equals(other.addressByArn);
    }

    /** Resolves {@code v}, which should name an instance of {@code canonicalType} (aliases accepted). */
    Link resolve(Value v, String canonicalType) {
        if (v instanceof Value.Null) {
            return Link.of(Kind.ABSENT, "");
        }
        if (v instanceof Value.Unknown u) {
            if (u.missingVariable().isPresent() && canonicalType.equals("aws_lb_listener")) {
                // A root variable left for whoever applies the stack: the listener of another stack it names.
                return Link.of(Kind.EXTERNAL, u.missingVariable().get());
            }
            if (!u.isReference()) {
                return Link.of(Kind.UNEVALUABLE, TfValues.describe(u));
            }
            String type = typeByAddress.get(u.ref());
            if (type != null && type.equals(canonicalType)
                    && (u.attribute().equals("arn") || u.attribute().equals("id"))) {
                return Link.of(Kind.RESOLVED, u.ref());
            }
            if (type != null) {
                String what = u.attribute().isEmpty() ? "a value " + (u.reason().isEmpty() ? "computed from " + u.ref()
                        : u.reason()) : u.ref() + "." + u.attribute();
                return Link.of(Kind.MISMATCHED, what);
            }
            // A data source's ARN or id (or a state output) names what it finds; a value computed from it does not.
            if (isDataSource(u.ref()) && !u.attribute().isEmpty() && !dataSourceOfAnotherType(u.ref(), canonicalType)) {
                return Link.of(Kind.EXTERNAL, u.attribute().equals("arn") || u.attribute().equals("id") ? u.ref()
                        : u.ref() + "." + u.attribute());
            }
            if (isDataSource(u.ref())) {
                return Link.of(Kind.UNEVALUABLE, "a value computed from " + u.ref());
            }
            return Link.of(Kind.MISSING, u.ref());
        }
        Optional<String> s = TfValues.str(v);
        if (s.isEmpty() || s.get().isEmpty()) {
            return Link.of(Kind.ABSENT, "");
        }
        String address = addressByArn.get(s.get());
        if (address != null && typeByAddress.get(address).equals(canonicalType)) {
            return Link.of(Kind.RESOLVED, address);
        }
        Optional<String> named = canonicalType.equals("aws_lb_target_group") ? byNameInArn(s.get()) : Optional.empty();
        return named.map(a -> Link.of(Kind.RESOLVED, a)).orElseGet(() -> Link.of(Kind.EXTERNAL, s.get()));
    }

    /**
     * The one target group of this configuration whose literal name is the one in a target group ARN: a listener
     * forwards only to groups of its own account and region, where names are unique, so that is the group (public
     * code generated by terraformer forwarded by literal ARN to a group it declared, and a commit replacing the
     * ARN with a reference read as a route change). Two of that name, or none: nothing.
     */
    private Optional<String> byNameInArn(String arn) {
        int i = arn.indexOf(":targetgroup/");
        int end = i < 0 ? -1 : arn.indexOf('/', i + ":targetgroup/".length());
        if (!arn.startsWith("arn:") || end < 0) {
            return Optional.empty();
        }
        String name = arn.substring(i + ":targetgroup/".length(), end);
        List<String> found = new java.util.ArrayList<>();
        for (ResourceInstance r : resources) {
            if (canonical(r.type()).equals("aws_lb_target_group")
                    && TfValues.str(r.attributes().get("name")).filter(name::equals).isPresent()) {
                found.add(r.address());
            }
        }
        return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
    }

    /** {@code aws_alb*} types are aliases of {@code aws_lb*}. */
    public static String canonical(String type) {
        return type.startsWith("aws_alb") ? "aws_lb" + type.substring("aws_alb".length()) : type;
    }

    /** A lookup of a load balancer given where a listener's ARN goes (AWS refuses it): never linked. */
    private static boolean dataSourceOfAnotherType(String address, String canonicalType) {
        if (ExternalListeners.isTerragruntOutput(address)) {
            return false;
        }
        int i = address.lastIndexOf("data.");
        String[] parts = address.substring(i + "data.".length()).split("\\.");
        return !parts[0].equals("terraform_remote_state") && !canonical(parts[0]).equals(canonicalType);
    }

    /** True for the address of a data source, in the root or a module. */
    public static boolean isDataSource(String address) {
        // data sources may sit inside modules: module.x.data.aws_lb_target_group.y
        // A Terragrunt dependency's output is read at plan time as a remote state's is.
        return address.startsWith("data.") || address.contains(".data.") || ExternalListeners.isTerragruntOutput(address);
    }
}
