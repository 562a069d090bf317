package dev.lbguard.source.haproxy;

import dev.lbguard.model.AclExpr;
import dev.lbguard.model.ElementId;
import dev.lbguard.model.Listener;
import dev.lbguard.model.LoadBalancer;
import dev.lbguard.model.LoadBalancerType;
import dev.lbguard.model.Priority;
import dev.lbguard.model.RouteAction;
import dev.lbguard.model.Rule;
import dev.lbguard.model.RuleAction;
import dev.lbguard.model.RuleSemantics;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.SnapshotOrigin;
import dev.lbguard.model.TargetGroup;
import dev.lbguard.source.haproxy.AclParser.NamedAcl;
import dev.lbguard.source.haproxy.HttpRequestRules.Effect;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads one {@code haproxy.cfg} (its text; no I/O) into a snapshot: one load balancer per file, one listener
 * per bind port of each frontend and listen section, one target group per backend and listen section. Anything
 * that may affect routing and is not modelled is a line-numbered error diagnostic, so the snapshot says it is
 * incomplete rather than guessing.
 */
public final class HaproxyConfigReader {
    private static final java.util.regex.Pattern HEADER_FETCH =
            java.util.regex.Pattern.compile("^(?:req\\.)?f?hdr[a-z_]*\\(([^,)]+)");

    /** Reads {@code content}, the text of the file at {@code path} in a tree read at {@code revision}. */
    public RoutingSnapshot read(String path, String content, String revision, SnapshotOrigin origin) {
        Problems problems = new Problems(path, revision);
        List<ConfigLine> lines = ConfigLine.split(content);
        for (ConfigLine l : lines) {
            if (!l.error().isEmpty()) {
                problems.error("haproxy-syntax", l.error(), l.number());
            }
        }
        List<Section> sections = Section.split(lines, problems);
        Map<String, Section> backends = new LinkedHashMap<>();
        for (Section s : sections) {
            if (s.isBackend() && !s.name.isEmpty() && backends.putIfAbsent(s.name, s) != null) {
                problems.error("haproxy-duplicate", "backend " + s.name + " is defined twice", s.header.number());
            }
            if (s.kind == Section.Kind.DEFAULTS) {
                Directives.checkDefaults(s, problems);
            }
            if (s.kind == Section.Kind.GLOBAL) {
                s.lines.stream().filter(l -> l.keyword().startsWith("lua-")).forEach(l -> problems.warning(
                        "haproxy-lua", "Lua is loaded; Lua actions and fetches are not modelled", l.number()));
            }
        }
        List<TargetGroup> groups = new ArrayList<>();
        for (Section s : backends.values()) {
            groups.add(Servers.targetGroup(s, problems));
            if (!s.isFrontend()) {
                Directives.checkBackend(s, problems);
            }
        }
        List<Listener> listeners = new ArrayList<>();
        Set<String> frontendNames = new TreeSet<>();
        for (Section s : sections) {
            if (s.isFrontend() && !s.name.isEmpty()) {
                if (!frontendNames.add(s.name)) {
                    problems.error("haproxy-duplicate", "frontend " + s.name + " is defined twice", s.header.number());
                    continue;
                }
                listeners.addAll(frontend(s, backends, problems));
            }
        }
        LoadBalancer lb = new LoadBalancer(ElementId.of("haproxy:" + path), problems.at(0), path,
                LoadBalancerType.HAPROXY, false, listeners);
        return RoutingSnapshot.of(origin, List.of(lb), groups, problems.diagnostics);
    }

    private static List<Listener> frontend(Section s, Map<String, Section> backends, Problems problems) {
        String feId = "haproxy:frontend/" + s.name;
        boolean http = s.mode().equals("http");
        RuleAction defaultAction = RuleAction.of(defaultAction(s, backends, problems));
        List<Binds.Bind> binds = Binds.listeners(s, feId, http, problems);
        // ssl_fc differs between TLS and plain binds, so the rules are read once for each kind the frontend has;
        // problems are reported once.
        Map<Boolean, List<Rule>> rulesBySsl = new HashMap<>();
        boolean firstSsl = binds.isEmpty() || isSsl(binds.get(0));
        rulesBySsl.put(firstSsl, rules(s, backends, problems, firstSsl, feId, http));
        return binds.stream()
                .map(b -> new Listener(b.id(), b.source(), b.protocol(), b.port(), Optional.empty(), b.certificates(),
                        defaultAction, rulesBySsl.computeIfAbsent(isSsl(b),
                                ssl -> rules(s, backends, problems.silent(), ssl, feId, http)),
                        RuleSemantics.HAPROXY))
                .toList();
    }

    private static boolean isSsl(Binds.Bind b) {
        return b.protocol().equals("HTTPS") || b.protocol().equals("TLS");
    }

    private static List<Rule> rules(Section s, Map<String, Section> backends, Problems problems, boolean ssl,
                                    String feId, boolean http) {
        AclParser acls = new AclParser(problems, ssl);
        Map<String, NamedAcl> named = new HashMap<>();
        for (ConfigLine l : s.lines) {
            if (l.keyword().equals("acl") && l.words().size() >= 3) {
                NamedAcl prev = named.get(l.word(1));
                List<AclExpr> exprs = new ArrayList<>(prev == null ? List.of() : prev.lines());
                exprs.add(acls.criterion(l.words().subList(2, l.words().size()), l.number()));
                named.put(l.word(1), new NamedAcl(prev == null ? l.number() : prev.firstLine(), exprs));
            }
        }
        Set<String> readHeaders = readHeaders(s);
        List<Rule> requestRules = new ArrayList<>();
        List<Rule> backendRules = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (ConfigLine l : s.lines) {
            if (l.environment() && l.keyword().equals("bind") && !l.word(1).contains("$")) {
                // Only the address routes: a certificate path or a cipher list from the environment does not.
                problems.warning("haproxy-environment", "bind parameters use an environment variable (the address "
                        + "does not): " + String.join(" ", l.words()), l.number());
            } else if (l.environment()) {
                problems.error("haproxy-environment", "line uses an environment variable, whose value is unknown: "
                        + String.join(" ", l.words()), l.number());
            }
            String kw = l.keyword();
            if (kw.equals("use_backend")) {
                if (!http && l.words().size() > 2) {
                    problems.error("haproxy-unsupported", "use_backend rules of a tcp-mode proxy are not evaluated",
                            l.number());
                }
                String be = l.word(1);
                int cond = Directives.conditionStart(l);
                AclExpr expr = cond < 0 ? AclExpr.TRUE : acls.condition(l.words().subList(cond, l.words().size()),
                        named, l.number());
                if (cond > 2 || cond < 0 && l.words().size() > 2) {
                    problems.error("haproxy-syntax", "use_backend takes one backend name then if/unless", l.number());
                }
                backendRules.add(Rule.haproxy(ruleId(feId, "use_backend/" + be, seen), problems.at(l.number()),
                        Priority.of(1), expr, RuleAction.of(forward(be, backends, problems, l.number()))));
            } else if (kw.equals("http-request") || kw.equals("redirect")) {
                if (!http) {
                    continue;
                }
                int cond = Directives.conditionStart(l);
                int end = cond < 0 ? l.words().size() : cond;
                List<String> action = kw.equals("redirect") ? l.words().subList(0, end) : l.words().subList(1, end);
                Effect effect = HttpRequestRules.effect(action, readHeaders);
                if (effect instanceof Effect.Unsupported u) {
                    problems.error("haproxy-unsupported", u.reason(), l.number());
                } else if (effect instanceof Effect.Final f) {
                    AclExpr expr = cond < 0 ? AclExpr.TRUE : acls.condition(l.words().subList(cond, l.words().size()),
                            named, l.number());
                    requestRules.add(Rule.haproxy(ruleId(feId, "http-request/" + f.action(), seen),
                            problems.at(l.number()), Priority.of(1), expr, RuleAction.of(f.response())));
                }
            } else if (kw.equals("tcp-request")) {
                if (!l.word(1).equals("inspect-delay")) {
                    problems.error("haproxy-unsupported", "tcp-request rules may refuse or change requests and are "
                            + "not modelled", l.number());
                }
            } else if (kw.equals("monitor-uri") || kw.equals("stats") && !l.word(1).equals("socket")) {
                problems.error("haproxy-unsupported", kw + " answers some requests itself and is not modelled",
                        l.number());
            } else if (kw.equals(".if") || kw.equals(".elif")) {
                // HAProxy keeps or drops the lines up to .elif/.else/.endif at startup, from its environment and
                // version; lbguard reads them all, so what they route may not be what runs.
                problems.error("haproxy-conditional", "conditional block " + String.join(" ", l.words())
                        + ": HAProxy decides at startup whether the lines it guards apply, and lbguard does not",
                        l.number());
            } else if (kw.startsWith(".")) {
                // .else and .endif close what .if reported; .notice, .warning and .alert only print.
                continue;
            } else if (Directives.removed(l).isPresent()) {
                problems.error("haproxy-removed", Directives.removed(l).get(), l.number());
            } else if (!List.of("bind", "acl", "default_backend", "server").contains(kw)
                    && !Directives.NEUTRAL.contains(kw)) {
                Optional<String> meant = Directives.misspelledRouting(kw);
                if (meant.isPresent()) {
                    // HAProxy refuses a keyword it does not know: a typo of a routing keyword stops the config.
                    problems.error("haproxy-syntax", "unknown keyword " + kw + " (did you mean " + meant.get()
                            + "?); haproxy refuses this configuration", l.number());
                } else {
                    problems.warning("haproxy-ignored", "keyword " + kw + " is not read", l.number());
                }
            }
        }
        List<Rule> rules = new ArrayList<>();
        for (Rule r : requestRules) {
            rules.add(at(r, rules.size() + 1));
        }
        for (Rule r : backendRules) {
            rules.add(at(r, rules.size() + 1));
        }
        return rules;
    }

    /** The backend a request no rule takes reaches: default_backend, else the listen section itself, else 503. */
    private static RouteAction defaultAction(Section s, Map<String, Section> backends, Problems problems) {
        Optional<ConfigLine> def = s.setting("default_backend");
        if (def.isPresent()) {
            return forward(def.get().word(1), backends, problems, def.get().number());
        }
        if (s.kind == Section.Kind.LISTEN) {
            return RouteAction.Forward.to(Servers.backendId(s.name));
        }
        // HAProxy answers 503 when no backend is chosen.
        return new RouteAction.FixedResponse("503", "", "no backend");
    }

    private static RouteAction forward(String backend, Map<String, Section> backends, Problems problems, int line) {
        if (backend.contains("%[") || backend.contains("%{")) {
            problems.error("haproxy-dynamic-backend", "backend name " + backend + " is computed at run time", line);
            return new RouteAction.Unresolved("backend name " + backend + " is computed at run time");
        }
        if (!backends.containsKey(backend)) {
            problems.error("haproxy-unknown-backend", "no backend named " + backend, line);
            return new RouteAction.Forward(List.of(dev.lbguard.model.WeightedTarget.unresolved(
                    Servers.backendId(backend), 1, "no backend named " + backend)), Optional.empty());
        }
        return RouteAction.Forward.to(Servers.backendId(backend));
    }

    private static Rule at(Rule r, int position) {
        return new Rule(r.id(), r.source(), Priority.of(position), r.match(), r.action());
    }

    /** A stable rule id: what it does, numbered only when the frontend repeats it (reorders keep ids). */
    private static ElementId ruleId(String frontend, String what, Map<String, Integer> seen) {
        int n = seen.merge(what, 1, Integer::sum);
        return ElementId.of(frontend + "/" + what + (n == 1 ? "" : "#" + n));
    }

    /** The headers (lower case) any ACL of the section reads, named or anonymous. */
    private static Set<String> readHeaders(Section s) {
        Set<String> out = new TreeSet<>();
        for (ConfigLine l : s.lines) {
            for (String w : l.words()) {
                var m = HEADER_FETCH.matcher(w);
                if (m.find()) {
                    out.add(m.group(1).trim().toLowerCase(java.util.Locale.ROOT));
                }
            }
        }
        return out;
    }
}
