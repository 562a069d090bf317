package dev.lbguard.source.resources;

import dev.lbguard.diagnostic.Diagnostic;
import dev.lbguard.diagnostic.SourceRef;
import dev.lbguard.model.ElementId;
import dev.lbguard.model.Listener;
import dev.lbguard.model.LoadBalancer;
import dev.lbguard.model.LoadBalancerType;
import dev.lbguard.model.Move;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.SnapshotOrigin;
import dev.lbguard.model.Target;
import dev.lbguard.model.TargetGroup;
import dev.lbguard.source.value.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * Turns evaluated Terraform resources into a {@link RoutingSnapshot}: links listeners to load balancers,
 * rules and listener certificates to listeners, forwards and attachments to target groups, by reference
 * (from HCL) or by literal ARN (from state). What cannot be linked or evaluated where it affects routing
 * becomes an error diagnostic and an unknown in the model, never a guess.
 */
public final class TerraformSnapshotBuilder {
    private static final String LB = "aws_lb";
    private static final String LISTENER = "aws_lb_listener";
    private static final String RULE = "aws_lb_listener_rule";
    private static final String TARGET_GROUP = "aws_lb_target_group";
    private static final String ATTACHMENT = "aws_lb_target_group_attachment";
    private static final String CERTIFICATE = "aws_lb_listener_certificate";

    /**
     * Builds the snapshot. The evaluation's own diagnostics are carried over, since a file that failed to
     * parse may hide load-balancer resources.
     */
    public RoutingSnapshot build(TerraformEvaluation evaluation, SnapshotOrigin origin) {
        return build(evaluation, origin, () -> AwsProviderVersion.UNSAID);
    }

    /**
     * As {@link #build(TerraformEvaluation, SnapshotOrigin)}, knowing what the root module says of the AWS provider's
     * version (read only if a rule's syntax depends on it).
     */
    public RoutingSnapshot build(TerraformEvaluation evaluation, SnapshotOrigin origin,
                          java.util.function.Supplier<AwsProviderVersion> provider) {
        return build(evaluation, origin, provider, new KnownReadings());
    }

    /**
     * As {@link #build(TerraformEvaluation, SnapshotOrigin, java.util.function.Supplier)}, taking what is unchanged
     * since the previous build of the same root module (the conditions of rules, whole load balancers) from
     * {@code known}.
     */
    public RoutingSnapshot build(TerraformEvaluation evaluation, SnapshotOrigin origin,
                          java.util.function.Supplier<AwsProviderVersion> provider, KnownReadings known) {
        List<Diagnostic> diagnostics = new ArrayList<>(evaluation.diagnostics());
        List<ResourceInstance> resources = evaluation.loadBalancerResources();
        References refs = known.loadBalancers().references(resources);
        known.loadBalancers().nextBuild(refs);
        TerraformListeners listenerReader = new TerraformListeners(new TerraformActions(refs, diagnostics),
                new TerraformConditions(provider, known.conditions()), diagnostics);

        // Group children under their parent's address, each list in address order (as the resources are); the
        // external listeners are walked, so their map keeps address order too.
        Map<String, List<ResourceInstance>> listenersByLb = new HashMap<>();
        Map<String, List<ResourceInstance>> rulesByListener = new HashMap<>();
        Map<String, List<ResourceInstance>> certsByListener = new HashMap<>();
        Map<String, List<ResourceInstance>> attachmentsByTg = new HashMap<>();
        Map<String, List<ResourceInstance>> rulesByExternalListener = new TreeMap<>();
        Map<String, List<ResourceInstance>> byType = new HashMap<>();
        for (ResourceInstance r : resources) {
            byType.computeIfAbsent(References.canonical(r.type()), k -> new ArrayList<>()).add(r);
        }
        link(byType.getOrDefault(LISTENER, List.of()), "load_balancer_arn", LB, refs, listenersByLb, diagnostics);
        linkRules(byType.getOrDefault(RULE, List.of()), refs, rulesByListener, rulesByExternalListener, diagnostics);
        link(byType.getOrDefault(CERTIFICATE, List.of()), "listener_arn", LISTENER, refs, certsByListener, diagnostics);
        link(byType.getOrDefault(ATTACHMENT, List.of()), "target_group_arn", TARGET_GROUP, refs, attachmentsByTg,
                diagnostics);
        List<TargetGroup> targetGroups = new ArrayList<>();
        Map<String, List<String>> registrars = TargetRegistrars.byTargetGroup(evaluation.resources(), refs);
        for (ResourceInstance r : byType.getOrDefault(TARGET_GROUP, List.of())) {
            targetGroups.add(targetGroup(r, attachmentsByTg.getOrDefault(r.address(), List.of()))
                    .withRegistrars(registrars.getOrDefault(r.address(), List.of())));
        }
        DuplicateNames.report(byType, diagnostics);
        List<LoadBalancer> loadBalancers = new ArrayList<>();
        for (ResourceInstance r : byType.getOrDefault(LB, List.of())) {
            List<ResourceInstance> inputs = new ArrayList<>();
            inputs.add(r);
            for (ResourceInstance l : listenersByLb.getOrDefault(r.address(), List.of())) {
                inputs.add(l);
                inputs.addAll(rulesByListener.getOrDefault(l.address(), List.of()));
                inputs.addAll(certsByListener.getOrDefault(l.address(), List.of()));
            }
            loadBalancers.add(loadBalancer(inputs, listenerReader, known.loadBalancers(), diagnostics));
        }
        // Lookups of one load balancer and port, in any data source, are one listener.
        ExternalListeners external = new ExternalListeners(evaluation.dataSources(), evaluation.moduleDir());
        Map<String, ExternalListeners.Named> names = new TreeMap<>();
        Map<String, List<ResourceInstance>> rulesByKey = new TreeMap<>();
        rulesByExternalListener.forEach((link, rules) -> {
            ExternalListeners.Named named = external.name(link);
            names.putIfAbsent(named.key(), named);
            rulesByKey.computeIfAbsent(named.key(), k -> new ArrayList<>()).addAll(rules);
        });
        Map<String, List<Listener>> externalByLb = new TreeMap<>();
        rulesByKey.forEach((key, rules) -> externalByLb
                .computeIfAbsent(names.get(key).loadBalancer(), k -> new ArrayList<>())
                .add(listenerReader.external(names.get(key), rules)));
        externalByLb.forEach((name, listeners) -> loadBalancers.add(new LoadBalancer(ElementId.of(LoadBalancer.EXTERNAL + name),
                listeners.get(0).source(), name + " (external)", LoadBalancerType.APPLICATION, false, listeners)));
        // Moves are kept as written: Move.apply knows that a resource's or module's move covers what is inside.
        List<Move> moves = evaluation.moved().stream()
                .map(m -> Move.of(m.from(), m.to(), m.source()))
                .toList();
        return new RoutingSnapshot(origin, loadBalancers, targetGroups, diagnostics, moves, evaluation.secrets());
    }

    /**
     * A load balancer from its resources: itself, then each listener followed by its rules and its certificates
     * (the types tell them apart). Taken from the previous build where those are the same resources.
     */
    private static LoadBalancer loadBalancer(List<ResourceInstance> inputs, TerraformListeners reader,
                                             KnownLoadBalancers known, List<Diagnostic> diagnostics) {
        ResourceInstance r = inputs.get(0);
        Optional<KnownLoadBalancers.Reading> taken = known.take(r.address(), inputs);
        if (taken.isPresent()) {
            diagnostics.addAll(taken.get().diagnostics());
            for (ResourceInstance i : inputs) {
                reader.conditions().carry(i); // only rules have conditions kept; the others are asked for in vain
            }
            return taken.get().loadBalancer();
        }
        int said = diagnostics.size();
        int asked = reader.conditions().providerAsked();
        LoadBalancerType lbType = loadBalancerType(r, diagnostics);
        List<Listener> listeners = new ArrayList<>();
        for (int i = 1; i < inputs.size(); i++) {
            ResourceInstance l = inputs.get(i);
            List<ResourceInstance> rules = new ArrayList<>();
            List<ResourceInstance> certs = new ArrayList<>();
            for (; i + 1 < inputs.size() && !References.canonical(inputs.get(i + 1).type()).equals(LISTENER); i++) {
                ResourceInstance child = inputs.get(i + 1);
                (References.canonical(child.type()).equals(RULE) ? rules : certs).add(child);
            }
            listeners.add(reader.read(l, lbType, rules, certs));
        }
        duplicatePorts(r, listeners, diagnostics);
        LoadBalancer lb = new LoadBalancer(ElementId.of(r.address()), r.source(), nameOf(r), lbType,
                TfValues.bool(r.attributes().get("internal")).orElse(false), listeners);
        if (reader.conditions().providerAsked() == asked) {
            known.put(r.address(), inputs, lb, diagnostics.subList(said, diagnostics.size()));
        }
        return lb;
    }

    /** Files each child resource (all of one type) under the parent its {@code attribute} names. */
    private static void link(List<ResourceInstance> children, String attribute, String parentType,
                             References refs, Map<String, List<ResourceInstance>> out, List<Diagnostic> diagnostics) {
        for (ResourceInstance r : children) {
            file(r, refs.resolve(r.attributes().get(attribute), parentType), attribute, parentType, out, diagnostics);
        }
    }

    /** Files a child resource under the parent {@code link} resolves its {@code attribute} to, or says why not. */
    private static void file(ResourceInstance r, References.Link link, String attribute, String parentType,
                             Map<String, List<ResourceInstance>> out, List<Diagnostic> diagnostics) {
        if (link.kind() == References.Kind.RESOLVED) {
            out.computeIfAbsent(link.name(), k -> new ArrayList<>()).add(r);
        } else {
            String what = switch (link.kind()) {
                case EXTERNAL -> link.name() + ", which this configuration does not manage, so its routing cannot be evaluated";
                case MISSING -> link.name() + ", which is not in this configuration";
                case MISMATCHED -> link.name() + ", which is not the ARN of an " + parentType + " here";
                case UNEVALUABLE -> "a value that could not be evaluated: " + link.name();
                default -> "nothing: " + attribute + " is not set";
            };
            String childType = References.canonical(r.type());
            diagnostics.add(Diagnostic.error("tf-unlinked-" + childType.substring("aws_lb_".length()).replace('_', '-'),
                    r.address() + ": " + attribute + " names " + what,
                    r.attributeSources().getOrDefault(attribute, r.source())));
        }
    }

    /**
     * Rules go under their listener; rules on a listener this configuration does not manage (a literal ARN, a
     * data source: common where a platform team owns the load balancer) are kept apart, so that their routing
     * can still be shown and compared.
     */
    private static void linkRules(List<ResourceInstance> rules, References refs, Map<String, List<ResourceInstance>> out,
                                  Map<String, List<ResourceInstance>> external, List<Diagnostic> diagnostics) {
        for (ResourceInstance r : rules) {
            References.Link link = refs.resolve(r.attributes().get("listener_arn"), LISTENER);
            if (link.kind() == References.Kind.EXTERNAL) {
                external.computeIfAbsent(link.name(), k -> new ArrayList<>()).add(r);
            } else {
                file(r, link, "listener_arn", LISTENER, out, diagnostics);
            }
        }
    }

    /**
     * AWS refuses a second listener on a port a load balancer listens on already, so which of them routes depends
     * on the order of apply: an error on the later one, never a table that shows both.
     */
    private static void duplicatePorts(ResourceInstance lb, List<Listener> listeners, List<Diagnostic> diagnostics) {
        Map<Integer, Listener> byPort = new TreeMap<>();
        List<Listener> inFileOrder = new ArrayList<>(listeners);
        inFileOrder.sort(java.util.Comparator.comparing((Listener l) -> l.source().path())
                .thenComparingInt(l -> l.source().line()).thenComparing(l -> l.id().value()));
        for (Listener l : inFileOrder) {
            if (l.port() <= 0) {
                continue;
            }
            Listener first = byPort.putIfAbsent(l.port(), l);
            if (first != null) {
                diagnostics.add(Diagnostic.error("tf-duplicate-listener", l.id().value() + ": load balancer "
                        + lb.address() + " already listens on port " + l.port() + " (" + first.id().value()
                        + "); AWS rejects a second listener on a port, so which one routes depends on the order of "
                        + "apply. Remove one or give it another port", l.source()));
            }
        }
    }

    private static LoadBalancerType loadBalancerType(ResourceInstance r, List<Diagnostic> diagnostics) {
        Value v = r.attributes().get("load_balancer_type");
        if (TfValues.isNull(v)) {
            return LoadBalancerType.APPLICATION;
        }
        Optional<LoadBalancerType> t = TfValues.str(v).flatMap(LoadBalancerType::fromLabel);
        if (t.isEmpty()) {
            diagnostics.add(Diagnostic.warning("tf-unknown-lb-type", r.address() + ": load_balancer_type "
                    + TfValues.display(v).orElse("") + " not understood; assuming application", at(r, "load_balancer_type")));
        }
        return t.orElse(LoadBalancerType.APPLICATION);
    }

    private static TargetGroup targetGroup(ResourceInstance r, List<ResourceInstance> attachments) {
        Value.Obj a = r.attributes();
        String targetType = TfValues.str(a.get("target_type")).orElse("instance");
        String protocol = TfValues.str(a.get("protocol")).orElse(targetType.equals("lambda") ? "" : "HTTP")
                .toUpperCase(Locale.ROOT);
        List<Target> targets = new ArrayList<>();
        for (ResourceInstance t : attachments) {
            Optional<Integer> port = TfValues.integer(t.attributes().get("port"));
            targets.add(new Target(ElementId.of(t.address()), t.source(),
                    TfValues.display(t.attributes().get("target_id")).orElse(""),
                    port.map(OptionalInt::of).orElse(OptionalInt.empty())));
        }
        return new TargetGroup(ElementId.of(r.address()), r.source(), nameOf(r), protocol,
                TfValues.integer(a.get("port")).orElse(0), targetType, HealthChecks.of(a, protocol), targets);
    }

    /** The {@code name} attribute where known, else the address (CONTRACT.md names groups by either). */
    private static String nameOf(ResourceInstance r) {
        return TfValues.str(r.attributes().get("name")).filter(s -> !s.isEmpty()).orElse(r.address());
    }

    private static SourceRef at(ResourceInstance r, String attribute) {
        return r.attributeSources().getOrDefault(attribute, r.source());
    }
}
