package dev.lbguard.source.ansible;

import dev.lbguard.diagnostic.Diagnostic;
import dev.lbguard.diagnostic.SourceRef;
import dev.lbguard.model.ElementId;
import dev.lbguard.model.HealthCheck;
import dev.lbguard.model.Listener;
import dev.lbguard.model.LoadBalancer;
import dev.lbguard.model.LoadBalancerType;
import dev.lbguard.model.Priority;
import dev.lbguard.model.RouteAction;
import dev.lbguard.model.Rule;
import dev.lbguard.model.RuleAction;
import dev.lbguard.model.Target;
import dev.lbguard.model.TargetGroup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The AWS load-balancer modules ({@code elb_application_lb}, {@code elb_network_lb}, {@code elb_target_group},
 * {@code elb_target}, {@code elb_classic_lb}) applied in task order, as the modules would apply them: a later
 * task for the same name replaces or merges ({@code purge_listeners}, {@code purge_rules}), {@code state:
 * absent} deletes. Identities are built from names, ports and priorities (never the task), so renaming or
 * moving a task changes no id; the task's file and line are the elements' source.
 */
final class AwsModules {
    static final List<String> MODULES = List.of("elb_application_lb", "elb_network_lb", "elb_target_group",
            "elb_target", "elb_classic_lb");

    /** A load balancer as the tasks so far leave it: its rendered listeners by port. */
    private record LbState(String name, LoadBalancerType type, boolean classic, boolean internal, SourceRef source,
                           Map<String, Y> listeners, Y healthCheck, List<Y> instances) {
    }

    private record TgState(String name, SourceRef source, Y.Map args, Map<String, Target> targets) {
    }

    private final List<Diagnostic> diagnostics;
    private final Map<String, LbState> lbs = new LinkedHashMap<>();
    private final Map<String, TgState> tgs = new LinkedHashMap<>();
    private final Map<String, SourceRef> deletedTgs = new LinkedHashMap<>();

    AwsModules(List<Diagnostic> diagnostics) {
        this.diagnostics = diagnostics;
    }

    static boolean handles(String module) {
        return MODULES.contains(TaskCall.shortName(module));
    }

    void apply(TaskCall call) {
        Y.Map args = (Y.Map) call.scope().render(call.args(), call.source().path(), call.source().revision(),
                diagnostics);
        String module = call.shortName();
        Optional<Y> nameNode = Y.field(args, module.equals("elb_target") ? "target_group_name" : "name");
        if (nameNode.isEmpty() || !(nameNode.get() instanceof Y.Scalar)) {
            // An unrenderable name already has its diagnostic; only a missing name needs one.
            if (nameNode.isEmpty() && !(module.equals("elb_target") && Y.field(args, "target_group_arn").isPresent())) {
                diagnostics.add(Diagnostic.error("ansible-missing-name", module + ": no name is given, so what "
                        + "this task creates is left out", call.source()));
            }
            if (!(module.equals("elb_target") && Y.field(args, "target_group_arn").isPresent())) {
                return;
            }
        }
        String name = nameNode.flatMap(Y::text).orElseGet(() -> Y.text(args, "target_group_arn")
                .map(a -> a.replaceAll(".*targetgroup/([^/]+).*", "$1")).orElse(""));
        String state = Y.text(args, "state").orElse("present").toLowerCase(Locale.ROOT);
        switch (module) {
            case "elb_target_group" -> targetGroup(name, state, args, call.source());
            case "elb_target" -> target(name, state, args, call.source());
            case "elb_classic_lb" -> loadBalancer(name, state, args, call.source(), LoadBalancerType.NETWORK, true);
            case "elb_network_lb" -> loadBalancer(name, state, args, call.source(), LoadBalancerType.NETWORK, false);
            default -> loadBalancer(name, state, args, call.source(), LoadBalancerType.APPLICATION, false);
        }
    }

    private void targetGroup(String name, String state, Y.Map args, SourceRef at) {
        if (state.equals("absent")) {
            tgs.remove(name);
            deletedTgs.put(name, at);
            return;
        }
        deletedTgs.remove(name);
        Map<String, Target> targets = new LinkedHashMap<>();
        TgState old = tgs.get(name);
        boolean modify = Y.scalar(Y.field(args, "modify_targets").orElse(new Y.Scalar(true, 0)))
                .map(AnsibleFilters::truthy).orElse(true);
        if (old != null && (!modify || Y.field(args, "targets").isEmpty())) {
            targets.putAll(old.targets());
        }
        for (Y t : Y.items(Y.field(args, "targets").orElse(new Y.Null(0)))) {
            Optional<String> id = Y.text(t, "Id");
            if (id.isEmpty()) {
                diagnostics.add(Diagnostic.error("ansible-unknown-target", "target group " + name + ": a target's Id "
                        + "cannot be known", at.line() == t.line() ? at : new SourceRef(at.path(), t.line(), 0, at.revision())));
                continue;
            }
            addTarget(targets, name, id.get(), AwsActions.integer(Y.field(t, "Port")),
                    new SourceRef(at.path(), t.line(), 0, at.revision()));
        }
        tgs.put(name, new TgState(name, at, args, targets));
    }

    private void target(String group, String state, Y.Map args, SourceRef at) {
        TgState tg = tgs.get(group);
        Optional<String> id = Y.text(args, "target_id");
        if (tg == null || id.isEmpty()) {
            diagnostics.add(Diagnostic.error("ansible-unlinked-target", "elb_target: " + (id.isEmpty()
                    ? "the target id cannot be known" : "target group " + group + " is not created by this tree"), at));
            return;
        }
        Optional<Integer> port = AwsActions.integer(Y.field(args, "target_port"));
        if (state.equals("absent")) {
            tg.targets().remove(targetKey(id.get(), port));
        } else {
            addTarget(tg.targets(), group, id.get(), port, at);
        }
    }

    private static String targetKey(String id, Optional<Integer> port) {
        return id + port.map(p -> ":" + p).orElse("");
    }

    private static void addTarget(Map<String, Target> targets, String group, String id, Optional<Integer> port,
                                  SourceRef at) {
        String key = targetKey(id, port);
        targets.put(key, new Target(ElementId.of(tgId(group).value() + "/target/" + key), at, id,
                port.map(OptionalInt::of).orElse(OptionalInt.empty())));
    }

    private void loadBalancer(String name, String state, Y.Map args, SourceRef at, LoadBalancerType type,
                              boolean classic) {
        if (state.equals("absent")) {
            lbs.remove(name);
            return;
        }
        LbState old = lbs.get(name);
        boolean purgeListeners = flag(args, "purge_listeners", true);
        boolean purgeRules = flag(args, "purge_rules", true);
        Map<String, Y> listeners = new LinkedHashMap<>();
        Optional<Y> given = Y.field(args, "listeners");
        if (old != null && (given.isEmpty() || !purgeListeners)) {
            listeners.putAll(old.listeners());
        }
        for (Y l : Y.items(given.orElse(new Y.Null(0)))) {
            String port = Y.text(l, classic ? "load_balancer_port" : "Port").orElse("?" + l.line());
            // Rules merge with what the load balancer had before this task, whatever purge_listeners says.
            Y previous = old == null ? null : old.listeners().get(port);
            listeners.put(port, purgeRules || previous == null || classic ? l : mergeRules(previous, l));
        }
        boolean internal = Y.text(args, "scheme").map(s -> s.equalsIgnoreCase("internal")).orElse(false);
        List<Y> instances = new ArrayList<>(Y.items(Y.field(args, "instance_ids").orElse(new Y.Null(0))));
        if (old != null && classic && !flag(args, "purge_instance_ids", false)) {
            old.instances().stream().filter(i -> !instances.contains(i)).forEach(instances::add);
        }
        lbs.put(name, new LbState(name, type, classic, internal, at, listeners,
                Y.field(args, "health_check").orElse(Y.emptyMap(at.line())), instances));
    }

    /** {@code purge_rules: false}: rules already there stay unless a new rule takes their priority. */
    private static Y mergeRules(Y previous, Y l) {
        Map<String, Y> rules = new LinkedHashMap<>();
        for (Y r : Y.items(Y.field(previous, "Rules").orElse(new Y.Null(0)))) {
            rules.put(Y.text(r, "Priority").orElse("?" + r.line()), r);
        }
        for (Y r : Y.items(Y.field(l, "Rules").orElse(new Y.Null(0)))) {
            rules.put(Y.text(r, "Priority").orElse("?" + r.line()), r);
        }
        return Y.with((Y.Map) l, "Rules", new Y.List(new ArrayList<>(rules.values()), l.line()));
    }

    private static boolean flag(Y.Map args, String key, boolean otherwise) {
        return Y.field(args, key).flatMap(Y::scalar).map(AnsibleFilters::truthy).orElse(otherwise);
    }

    static ElementId tgId(String name) {
        return ElementId.of("ansible:target-group/" + name);
    }

    /** The model elements the tasks leave behind. */
    void build(List<LoadBalancer> loadBalancers, List<TargetGroup> targetGroups) {
        for (TgState tg : tgs.values()) {
            targetGroups.add(AwsTargetGroups.targetGroup(tgId(tg.name()), tg.name(), tg.source(), tg.args(),
                    new ArrayList<>(tg.targets().values())));
        }
        AwsActions.TargetGroups lookup = new AwsActions.TargetGroups() {
            @Override
            public Optional<ElementId> byName(String name) {
                return tgs.containsKey(name) ? Optional.of(tgId(name)) : Optional.empty();
            }

            @Override
            public Optional<String> whyMissing(String name) {
                return Optional.ofNullable(deletedTgs.get(name)).map(at -> "is deleted (state: absent) at " + at);
            }
        };
        for (LbState lb : lbs.values()) {
            String prefix = (lb.classic() ? "ansible:classic-lb/" : "ansible:lb/") + lb.name();
            List<Listener> listeners = new ArrayList<>();
            for (Y l : lb.listeners().values()) {
                SourceRef at = new SourceRef(lb.source().path(), l.line(), 0, lb.source().revision());
                AwsActions actions = new AwsActions(lookup, diagnostics,
                        line -> new SourceRef(at.path(), line, 0, at.revision()));
                listeners.add(lb.classic() ? classicListener(lb, prefix, l, at, targetGroups)
                        : listener(lb, prefix, l, at, actions));
            }
            loadBalancers.add(new LoadBalancer(ElementId.of(prefix), lb.source(), lb.name(), lb.type(), lb.internal(),
                    dedupe(listeners)));
        }
    }

    private static List<Listener> dedupe(List<Listener> listeners) {
        Map<ElementId, Listener> out = new LinkedHashMap<>();
        listeners.forEach(l -> out.putIfAbsent(l.id(), l));
        return new ArrayList<>(out.values());
    }

    private Listener listener(LbState lb, String prefix, Y l, SourceRef at, AwsActions actions) {
        String owner = "load balancer " + lb.name();
        Optional<Integer> port = AwsActions.integer(Y.field(l, "Port"));
        if (port.isEmpty()) {
            diagnostics.add(Diagnostic.error("ansible-unknown-port", owner + ": a listener's Port cannot be known", at));
        }
        String protocol = Y.text(l, "Protocol").orElse(lb.type() == LoadBalancerType.APPLICATION ? "HTTP" : "TCP");
        String lid = prefix + "/listener/" + port.map(String::valueOf).orElse("?" + l.line());
        List<String> certs = new ArrayList<>();
        for (Y c : Y.items(Y.field(l, "Certificates").orElse(new Y.Null(0)))) {
            Y.text(c, "CertificateArn").or(() -> Y.text(c)).ifPresent(certs::add);
        }
        RuleAction defaultAction = actions.actions(Y.field(l, "DefaultActions").orElse(new Y.Null(l.line())),
                owner + " listener " + port.map(String::valueOf).orElse("?"), l.line());
        Map<ElementId, Rule> rules = new LinkedHashMap<>();
        Map<Integer, Rule> byPriority = new LinkedHashMap<>();
        for (Y r : Y.items(Y.field(l, "Rules").orElse(new Y.Null(0)))) {
            SourceRef rat = new SourceRef(at.path(), r.line(), 0, at.revision());
            Optional<Integer> p = AwsActions.integer(Y.field(r, "Priority"));
            Priority priority = p.map(Priority::of).orElse(Priority.unknown());
            if (p.isEmpty()) {
                diagnostics.add(Diagnostic.error("ansible-unknown-priority", owner + ": a rule's Priority cannot be "
                        + "known", rat));
            }
            String ruleOwner = owner + " rule " + p.map(String::valueOf).orElse("?");
            ElementId id = ElementId.of(lid + "/rule/" + p.map(String::valueOf).orElse("?" + r.line()));
            Rule rule = new Rule(id, rat, priority,
                    actions.conditions(Y.field(r, "Conditions").orElse(new Y.Null(0)), ruleOwner),
                    actions.actions(Y.field(r, "Actions").orElse(new Y.Null(r.line())), ruleOwner, r.line()));
            if (p.isPresent() && byPriority.containsKey(p.get())) {
                diagnostics.add(Diagnostic.error("ansible-duplicate-priority", owner + ": priority " + p.get()
                        + " is used twice on one listener; AWS rejects this", rat));
                continue;
            }
            p.ifPresent(v -> byPriority.put(v, rule));
            rules.put(id, rule);
        }
        Optional<String> policy = Y.text(l, "SslPolicy").filter(s -> !s.isBlank());
        return new Listener(ElementId.of(lid), at, protocol, port.orElse(0), policy, certs, defaultAction,
                new ArrayList<>(rules.values()));
    }

    /**
     * A classic load balancer listener forwards everything to the instances on {@code instance_port}; the
     * model has no classic type, so it is a layer-4 load balancer forwarding to a target group of the
     * instances, one per instance port.
     */
    private Listener classicListener(LbState lb, String prefix, Y l, SourceRef at, List<TargetGroup> targetGroups) {
        Optional<Integer> port = AwsActions.integer(Y.field(l, "load_balancer_port"));
        Optional<Integer> instancePort = AwsActions.integer(Y.field(l, "instance_port"));
        if (port.isEmpty() || instancePort.isEmpty()) {
            diagnostics.add(Diagnostic.error("ansible-unknown-port", "classic load balancer " + lb.name()
                    + ": a listener's ports cannot be known", at));
        }
        ElementId tg = ElementId.of(prefix + "/instances/" + instancePort.map(String::valueOf).orElse("?"));
        if (targetGroups.stream().noneMatch(t -> t.id().equals(tg))) {
            targetGroups.add(AwsTargetGroups.classicInstances(tg, lb.name(), at, l, lb.healthCheck(),
                    lb.instances(), instancePort.orElse(0)));
        }
        return new Listener(ElementId.of(prefix + "/listener/" + port.map(String::valueOf).orElse("?" + l.line())),
                at, Y.text(l, "protocol").orElse("TCP"), port.orElse(0), Optional.empty(),
                Y.text(l, "ssl_certificate_id").stream().toList(), RuleAction.of(RouteAction.Forward.to(tg)), List.of());
    }
}
