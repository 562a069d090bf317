package dev.lbguard.source.live.haproxy;

import dev.lbguard.diagnostic.SourceRef;
import dev.lbguard.model.ElementId;
import dev.lbguard.model.HealthCheck;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.SnapshotOrigin;
import dev.lbguard.model.Target;
import dev.lbguard.model.TargetGroup;
import dev.lbguard.model.TargetStatus;
import dev.lbguard.source.SourceException;
import dev.lbguard.source.live.LiveSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads the live backends and servers of an HAProxy process over its Runtime API
 * ({@code haproxy:/run/haproxy/admin.sock} or {@code haproxy:127.0.0.1:9999}), with {@code show backend},
 * {@code show servers state} and {@code show stat}. Reading changes nothing.
 *
 * <p>The runtime API does not expose frontends or ACLs, so the snapshot holds target groups only, one per
 * backend; the routing (frontends, {@code use_backend}) comes from the HAProxy configuration. Ids are what
 * the configuration source uses, so the two match by backend and server name:
 * <ul>
 *   <li>a backend is the target group {@code haproxy:backend/<backend>}, named {@code <backend>}, protocol
 *       {@code HTTP} or {@code TCP} from its mode;</li>
 *   <li>a server is the target {@code haproxy:backend/<backend>/server/<server>}, with its address as target
 *       id and its port;</li>
 *   <li>its status: maintenance when an admin MAINT bit is set (forced 0x01, inherited 0x02, DNS 0x20),
 *       draining when a DRAIN bit is (0x08, 0x10), else from the operational state (running is healthy,
 *       stopped unhealthy, starting not serving, stopping draining); the weight is the current weight
 *       {@code srv_uweight}; the reason is HAProxy's status and check result, e.g. {@code DOWN L4CON}. The
 *       config-disabled bit 0x04 alone is not maintenance: it stays set after {@code enable server}.</li>
 *   <li>the health check is enabled when any server of the backend is checked; the runtime API shows no
 *       other check settings, so those fields are empty.</li>
 * </ul>
 * Every element points at the source {@code haproxy:<address>}.
 */
public final class HaproxyLiveSource implements LiveSource {
    private static final int MAINT_MASK = 0x01 | 0x02 | 0x20;
    private static final int DRAIN_MASK = 0x08 | 0x10;

    private final String address;

    /** @param address a unix socket path or {@code HOST:PORT} of a stats socket at level operator or admin */
    public HaproxyLiveSource(String address) {
        this.address = Objects.requireNonNull(address, "address");
    }

    @Override
    public String label() {
        return "haproxy:" + address;
    }

    /** One row of {@code show stat}: the fields lbguard reads. */
    private record Stat(String status, String checkStatus, String mode) {
    }

    @Override
    public RoutingSnapshot read() throws SourceException {
        RuntimeApi api = new RuntimeApi(label(), address);
        List<String> backends = backends(api.send("show backend"));
        Map<String, List<Map<String, String>>> servers = servers(api.send("show servers state"));
        Map<String, Stat> stats = stats(api.send("show stat -1 6 -1"));
        SourceRef source = SourceRef.file(label());
        List<TargetGroup> groups = new ArrayList<>();
        for (String be : backends) {
            List<Target> targets = new ArrayList<>();
            boolean checked = false;
            for (Map<String, String> row : servers.getOrDefault(be, List.of())) {
                String srv = row.get("srv_name");
                Stat stat = stats.getOrDefault(be + "/" + srv, new Stat("", "", ""));
                checked |= !stat.checkStatus().isEmpty();
                targets.add(new Target(ElementId.of("haproxy:backend/" + be + "/server/" + srv), source,
                        row.get("srv_addr"), port(row.get("srv_port")), Optional.of(status(row, stat))));
            }
            String mode = stats.getOrDefault(be + "/BACKEND", new Stat("", "", "")).mode();
            groups.add(new TargetGroup(ElementId.of("haproxy:backend/" + be), source, be,
                    mode.equals("tcp") ? "TCP" : "HTTP", 0, "ip",
                    new HealthCheck(checked, "", "", "", "", 0, 0, 0, 0), targets));
        }
        return new RoutingSnapshot(new SnapshotOrigin(SnapshotOrigin.Kind.LIVE, address, label()), List.of(), groups,
                List.of());
    }

    private List<String> backends(String answer) throws SourceException {
        List<String> lines = lines(answer);
        if (lines.isEmpty() || !lines.get(0).equals("# name")) {
            throw garbage("show backend");
        }
        return lines.subList(1, lines.size());
    }

    /** The rows of {@code show servers state} by backend name, each as column name to value. */
    private Map<String, List<Map<String, String>>> servers(String answer) throws SourceException {
        List<String> lines = lines(answer);
        // Format version 1, then a "# " header naming the columns; later versions may add columns at the end.
        if (lines.size() < 2 || !lines.get(0).equals("1") || !lines.get(1).startsWith("# be_id be_name ")) {
            throw garbage("show servers state");
        }
        String[] header = lines.get(1).substring(2).split(" ");
        Map<String, List<Map<String, String>>> out = new LinkedHashMap<>();
        for (String line : lines.subList(2, lines.size())) {
            String[] fields = line.split(" ");
            if (fields.length != header.length) {
                throw garbage("show servers state");
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], fields[i]);
            }
            for (String needed : List.of("srv_op_state", "srv_admin_state", "srv_uweight")) {
                if (!row.getOrDefault(needed, "").matches("\\d+")) {
                    throw garbage("show servers state");
                }
            }
            out.computeIfAbsent(row.get("be_name"), k -> new ArrayList<>()).add(row);
        }
        return out;
    }

    /** The {@code show stat} rows by {@code backend/server} (or {@code backend/BACKEND}). */
    private Map<String, Stat> stats(String answer) throws SourceException {
        List<String> lines = lines(answer);
        if (lines.isEmpty() || !lines.get(0).startsWith("# pxname,svname,")) {
            throw garbage("show stat");
        }
        List<String> header = List.of(lines.get(0).substring(2).split(",", -1));
        int status = header.indexOf("status");
        int check = header.indexOf("check_status");
        int mode = header.indexOf("mode");
        if (status < 0 || check < 0 || mode < 0) {
            throw garbage("show stat");
        }
        Map<String, Stat> out = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            if (f.length < header.size()) {
                throw garbage("show stat");
            }
            out.put(f[0] + "/" + f[1], new Stat(f[status], f[check], f[mode]));
        }
        return out;
    }

    static TargetStatus status(Map<String, String> row, Stat stat) {
        int op = Integer.parseInt(row.get("srv_op_state"));
        int admin = Integer.parseInt(row.get("srv_admin_state"));
        TargetStatus.State state;
        if ((admin & MAINT_MASK) != 0) {
            state = TargetStatus.State.MAINTENANCE;
        } else if ((admin & DRAIN_MASK) != 0) {
            state = TargetStatus.State.DRAINING;
        } else {
            state = switch (op) {
                case 0 -> TargetStatus.State.UNHEALTHY;
                case 1 -> TargetStatus.State.NOT_SERVING;
                case 2 -> TargetStatus.State.HEALTHY;
                case 3 -> TargetStatus.State.DRAINING;
                default -> TargetStatus.State.UNKNOWN;
            };
        }
        String reason = (stat.status() + " " + stat.checkStatus()).strip();
        if (reason.isEmpty()) {
            reason = "op_state " + op + " admin_state " + admin;
        }
        return new TargetStatus(state, OptionalInt.of(Integer.parseInt(row.get("srv_uweight"))), reason);
    }

    private static OptionalInt port(String value) {
        return value != null && value.matches("\\d{1,5}") && !value.equals("0")
                ? OptionalInt.of(Integer.parseInt(value)) : OptionalInt.empty();
    }

    private static List<String> lines(String answer) {
        List<String> out = new ArrayList<>();
        for (String l : answer.split("\n")) {
            if (!l.isBlank()) {
                out.add(l.strip());
            }
        }
        return out;
    }

    private SourceException garbage(String command) {
        return new SourceException(label() + ": the answer to \"" + command + "\" is not what HAProxy "
                + "answers; check that the address is HAProxy's stats socket (HAProxy 1.8 or later).");
    }
}
