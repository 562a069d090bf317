package dev.lbguard.source.haproxy;

import dev.lbguard.model.ElementId;
import dev.lbguard.model.HealthCheck;
import dev.lbguard.model.Target;
import dev.lbguard.model.TargetGroup;
import dev.lbguard.model.TargetStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Builds a backend's target group from its {@code server} lines (weight, backup, disabled, check). */
final class Servers {
    private static final int DEFAULT_WEIGHT = 1;

    private Servers() {
    }

    /** The id of a backend; the live Runtime API source uses the same, so drift matches by name. */
    static ElementId backendId(String backend) {
        return ElementId.of("haproxy:backend/" + backend);
    }

    static ElementId serverId(String backend, String server) {
        return ElementId.of("haproxy:backend/" + backend + "/server/" + server);
    }

    static TargetGroup targetGroup(Section s, Problems problems) {
        int defaultWeight = s.setting("default-server").flatMap(l -> intParam(l, "weight", 2)).orElse(DEFAULT_WEIGHT);
        List<Target> targets = new ArrayList<>();
        List<String> names = new ArrayList<>();
        boolean checked = false;
        for (ConfigLine l : s.lines) {
            if (l.keyword().equals("server-template")) {
                problems.error("haproxy-unsupported", "server-template servers are resolved at run time", l.number());
            }
            if (!l.keyword().equals("server")) {
                continue;
            }
            if (l.words().size() < 3) {
                problems.error("haproxy-syntax", "server needs a name and an address", l.number());
                continue;
            }
            String name = l.word(1);
            if (names.contains(name)) {
                problems.error("haproxy-duplicate", "server " + name + " is defined twice in " + s.name, l.number());
                continue;
            }
            names.add(name);
            if (l.environment()) {
                problems.warning("haproxy-environment", "server " + name + " uses an environment variable",
                        l.number());
            }
            String address = l.word(2);
            int at = address.indexOf('@');
            if (at >= 0) {
                address = address.substring(at + 1);
            }
            OptionalInt port = OptionalInt.empty();
            int colon = address.lastIndexOf(':');
            if (colon >= 0 && !address.endsWith("]") && (address.indexOf(':') == colon || address.startsWith("["))) {
                String p = address.substring(colon + 1);
                address = address.substring(0, colon);
                if (p.matches("\\d{1,5}") && Integer.parseInt(p) <= 65535) {
                    port = OptionalInt.of(Integer.parseInt(p));
                } else if (p.matches("\\d+")) {
                    // haproxy -c refuses it: the configuration does not start.
                    problems.error("haproxy-syntax", "server " + name + ": invalid port " + p
                            + " (1 to 65535); haproxy refuses this configuration", l.number());
                }
            }
            int weight = intParam(l, "weight", 3).orElse(defaultWeight);
            int w = l.words().indexOf("weight");
            if (w >= 3 && (w + 1 >= l.words().size() || intParam(l, "weight", 3).filter(x -> x <= 256).isEmpty())) {
                // haproxy -c refuses a weight outside 0..256; lbguard would otherwise weigh the server as default.
                problems.error("haproxy-syntax", "server " + name + ": weight "
                        + (w + 1 < l.words().size() ? l.word(w + 1) : "(none)") + " is not 0 to 256; haproxy refuses "
                        + "this configuration", l.number());
            }
            boolean disabled = l.words().subList(3, l.words().size()).contains("disabled");
            boolean backup = l.words().subList(3, l.words().size()).contains("backup");
            checked |= l.words().subList(3, l.words().size()).contains("check");
            TargetStatus status = new TargetStatus(disabled ? TargetStatus.State.MAINTENANCE
                    : TargetStatus.State.HEALTHY, OptionalInt.of(weight), disabled ? "disabled" : "");
            targets.add(new Target(serverId(s.name, name), problems.at(l.number()), address, port,
                    Optional.of(status), backup));
        }
        String mode = s.mode().equals("http") ? "HTTP" : "TCP";
        Optional<ConfigLine> httpchk = s.setting("option").filter(l -> l.word(1).equals("httpchk"));
        // HAProxy's defaults: inter 2s, rise 2, fall 3; the check timeout falls back to inter.
        HealthCheck hc = new HealthCheck(checked, httpchk.isPresent() ? "HTTP" : "TCP", "traffic-port",
                httpchk.map(l -> l.words().stream().filter(w -> w.startsWith("/")).findFirst().orElse("/")).orElse(""),
                "", 2, 2, 2, 3);
        return new TargetGroup(backendId(s.name), problems.at(s.header.number()), s.name, mode, 0, "ip", hc, targets);
    }

    private static Optional<Integer> intParam(ConfigLine l, String key, int from) {
        for (int i = from; i + 1 < l.words().size(); i++) {
            if (l.word(i).equals(key) && l.word(i + 1).matches("\\d{1,3}")) {
                return Optional.of(Integer.parseInt(l.word(i + 1)));
            }
        }
        return Optional.empty();
    }
}
