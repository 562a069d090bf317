package dev.lbguard.source.haproxy;

import dev.lbguard.diagnostic.SourceRef;
import dev.lbguard.model.ElementId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the {@code bind} lines of a frontend into one listener per port ({@code ssl crt} makes it HTTPS). */
final class Binds {
    /** Ports a range may expand to before lbguard refuses (a typo such as {@code 1-65535}). */
    private static final int MAX_RANGE = 256;

    private Binds() {
    }

    /** A listener's identity and socket, before the rules are attached. */
    record Bind(ElementId id, SourceRef source, String protocol, int port, List<String> certificates) {
    }

    static List<Bind> listeners(Section s, String frontendId, boolean http, Problems problems) {
        Map<Integer, Bind> byPort = new LinkedHashMap<>();
        List<ConfigLine> binds = s.lines.stream().filter(l -> l.keyword().equals("bind")).toList();
        for (ConfigLine l : binds) {
            if (l.words().size() < 2) {
                problems.error("haproxy-syntax", "bind needs an address", l.number());
                continue;
            }
            List<String> params = l.words().subList(2, l.words().size());
            boolean ssl = params.contains("ssl");
            List<String> certs = new ArrayList<>();
            for (int i = 0; i + 1 < params.size(); i++) {
                if (params.get(i).equals("crt") || params.get(i).equals("crt-list")) {
                    certs.add(params.get(i + 1));
                }
            }
            String protocol = http ? (ssl ? "HTTPS" : "HTTP") : (ssl ? "TLS" : "TCP");
            for (String address : l.word(1).split(",")) {
                for (int port : ports(address, l, problems)) {
                    if (byPort.containsKey(port)) {
                        problems.warning("haproxy-duplicate-bind", "port " + port + " is bound twice in " + s.name,
                                l.number());
                        continue;
                    }
                    byPort.put(port, new Bind(ElementId.of(frontendId), problems.at(l.number()), protocol, port, certs));
                }
            }
        }
        List<Bind> out = new ArrayList<>(byPort.values());
        if (out.size() > 1) {
            // Several ports: each listener needs its own id; the port tells them apart.
            out = out.stream().map(b -> new Bind(ElementId.of(frontendId + ":" + b.port()), b.source(), b.protocol(),
                    b.port(), b.certificates())).toList();
        }
        return out;
    }

    private static List<Integer> ports(String address, ConfigLine l, Problems problems) {
        List<Integer> out = new ArrayList<>();
        if (address.startsWith("unix@") || address.startsWith("/") || address.startsWith("abns@")
                || address.startsWith("fd@") || address.startsWith("sockpair@")) {
            problems.warning("haproxy-unix-bind", "bind " + address + " is not a TCP port; not a listener", l.number());
            return out;
        }
        int colon = address.lastIndexOf(':');
        if (colon < 0) {
            problems.error("haproxy-syntax", "bind " + address + " has no port", l.number());
            return out;
        }
        String spec = address.substring(colon + 1);
        if (spec.contains("$")) {
            // The line's environment diagnostic says it already; a variable elsewhere on the line (crt ${PATH})
            // leaves the port readable.
            out.add(0);
            return out;
        }
        if (!spec.matches("\\d{1,5}(-\\d{1,5})?")) {
            problems.error("haproxy-bind-port", "bind port " + spec + " could not be read", l.number());
            out.add(0);
            return out;
        }
        String[] range = spec.split("-");
        int lo = Integer.parseInt(range[0]);
        int hi = range.length > 1 ? Integer.parseInt(range[1]) : lo;
        if (lo < 1 || hi > 65535) {
            problems.error("haproxy-bind-port", "bind port " + spec + " is out of range (1 to 65535); haproxy refuses "
                    + "this configuration", l.number());
            return out;
        }
        if (hi < lo || hi - lo >= MAX_RANGE) {
            problems.error("haproxy-bind-port", "bind port range " + spec + " is not read", l.number());
            return out;
        }
        for (int p = lo; p <= hi; p++) {
            out.add(p);
        }
        return out;
    }
}
