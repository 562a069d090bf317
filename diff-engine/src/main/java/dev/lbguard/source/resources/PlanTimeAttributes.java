package dev.lbguard.source.resources;

import dev.lbguard.source.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Computed attributes that a provider already knows at plan time, from the resource's configuration, where
 * lbguard would otherwise give a reference known only after apply. Terraform plans what depends on them (a
 * {@code for_each} over them, most often), so lbguard must too. Each entry mirrors what the provider's plan-time
 * code does and nothing more; docs/terraform-plan-time.md lists them and why.
 */
public final class PlanTimeAttributes {
    private static final String CERTIFICATE = "aws_acm_certificate";
    private static final List<String> RECORD_FIELDS =
            List.of("resource_record_name", "resource_record_type", "resource_record_value");

    private PlanTimeAttributes() {
    }

    /**
     * The attributes of a resource instance of {@code type} with the configured {@code attributes} that are known
     * at plan time although the configuration does not set them; empty for most types.
     */
    /** The attributes {@link #of} may compute from configured ones: what reads them reads the whole resource. */
    public static final Set<String> DERIVED = Set.of("domain_validation_options");

    public static Map<String, Value> of(String type, Value.Obj attributes, String address) {
        Map<String, Value> out = new LinkedHashMap<>();
        if (type.equals(CERTIFICATE)) {
            certificateValidationOptions(attributes, address).ifPresent(v -> out.put("domain_validation_options", v));
        }
        return out;
    }

    /**
     * An ACM certificate validated by DNS: the AWS provider plans {@code domain_validation_options} as one object per
     * distinct name of {@code domain_name} and {@code subject_alternative_names}, its {@code domain_name} known and
     * its {@code resource_record_*} known only after apply (ACM makes up the records). That is what lets the
     * documented {@code for_each = { for dvo in ...domain_validation_options : dvo.domain_name => ... }} plan.
     * With another validation method, an imported certificate, or any of those names unknown, it stays unknown.
     */
    private static Optional<Value> certificateValidationOptions(Value.Obj attributes, String address) {
        if (!(attributes.get("validation_method") instanceof Value.Str method) || !method.value().equals("DNS")
                || !(attributes.get("domain_name") instanceof Value.Str domain)) {
            return Optional.empty();
        }
        Set<String> names = new LinkedHashSet<>();
        names.add(domain.value());
        Value sans = attributes.get("subject_alternative_names");
        if (sans instanceof Value.Seq seq) {
            for (Value san : seq.items()) {
                if (!(san instanceof Value.Str s)) {
                    return Optional.empty();
                }
                names.add(s.value());
            }
        } else if (!(sans instanceof Value.Null)) {
            return Optional.empty();
        }
        List<Value> options = new ArrayList<>();
        for (String name : names) {
            Map<String, Value> option = new LinkedHashMap<>();
            option.put("domain_name", new Value.Str(name));
            String element = "domain_validation_options[" + ResourceInstance.quote(name) + "].";
            for (String field : RECORD_FIELDS) {
                option.put(field, Value.Unknown.reference(address, element + field));
            }
            options.add(Value.Obj.object(option));
        }
        return Optional.of(Value.Values.set(options));
    }
}
