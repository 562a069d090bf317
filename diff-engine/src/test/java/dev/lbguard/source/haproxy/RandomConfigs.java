package dev.lbguard.source.haproxy;

import dev.lbguard.route.Request;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;

/**
 * Seeded random HAProxy configurations and requests for the differential test: frontends with random ACLs
 * and {@code use_backend}/{@code http-request deny} rules, backends that answer with their own name.
 */
final class RandomConfigs {
    static final List<String> HOSTS = List.of("api.example.test", "www.example.test", "example.test",
            "API.Example.test", "shop.example.test:8080", "api.example.test:80", "a.b.example.org",
            "example.test.evil.com", "localhost", "127.0.0.1", "xapi.example.test", "Shop.EXAMPLE.test");
    static final List<String> PATHS = List.of("/", "/api", "/api/", "/api/v1/users", "/API/v1", "/static/app.js",
            "/static", "/img/logo.png", "/admin/", "/api2", "/v1/api", "/a/b/c", "/Static/App.CSS", "/users",
            "/api/v22/x", "/admin");
    static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH",
            "get", "Post", "PURGE", "purge");
    static final List<String> SOURCES = List.of("127.0.0.1", "127.0.0.2", "127.0.0.3", "127.0.1.7", "127.1.2.3");
    static final List<String> CANARY = List.of("on", "off", "off, on", "ON", "yes,no");

    private static final List<String> HOST_WORDS = List.of("api.example.test", "www.example.test", "example.test",
            "API.EXAMPLE.TEST", "shop.example.test:8080", "localhost", "127.0.0.1");
    private static final List<String> HOST_PREFIXES = List.of("api.", "www", "API", "shop", "x", "a.b", "127.");
    private static final List<String> HOST_SUFFIXES = List.of(".test", "example.test", ":8080", ".org",
            ".EXAMPLE.test", "evil.com", "t:80");
    private static final List<String> DOMAINS = List.of("example.test", "api", "test", "8080", "example",
            "EXAMPLE", "b.example", "shop.example.test", ".example.test.", "0");
    private static final List<String> HOST_REGEX = List.of("^api\\.", "example\\.(test|org)$", ":[0-9]+$",
            "^[a-z]+\\.example", "^(www|shop)\\.");
    private static final List<String> PATH_EXACT = List.of("/", "/api", "/api/", "/admin", "/users", "/API/v1");
    private static final List<String> PATH_PREFIXES = List.of("/api", "/api/", "/static/", "/admin", "/v1", "/",
            "/API", "/a/");
    private static final List<String> PATH_SUFFIXES = List.of(".js", ".png", "/", "users", ".CSS", "api");
    private static final List<String> PATH_REGEX = List.of("^/api/v[0-9]+/", "\\.(js|css|png)$", "^/(admin|static)",
            "users?$", "^/[a-z]+$", "[0-9]", "^/api/?$", "(?i)^/static");
    private static final List<String> PATH_DIRS = List.of("api", "v1", "static", "admin", "/b/", "API");
    private static final List<String> METHOD_VALUES = List.of("GET", "POST", "PUT", "HEAD", "get", "PATCH",
            "PURGE", "post", "DELETE");
    private static final List<String> NETWORKS = List.of("127.0.0.0/8", "127.0.0.1", "127.0.0.2/31",
            "10.0.0.0/8", "127.0.1.0/24", "192.168.0.0/16", "127.1.0.0/16");

    private final Random random;

    RandomConfigs(long seed) {
        this.random = new Random(seed);
    }

    /** A config with {@code ports.size()} frontends; names carry {@code tag} so that files never clash. */
    String config(String tag, List<Integer> ports) {
        StringBuilder s = new StringBuilder();
        s.append("global\n    maxconn 500\n\ndefaults\n    mode http\n    timeout connect 1s\n")
                .append("    timeout client 5s\n    timeout server 5s\n\n");
        int backends = 2 + random.nextInt(4);
        for (int f = 0; f < ports.size(); f++) {
            s.append("frontend ").append(tag).append("_fe").append(f).append('\n');
            s.append("    bind 127.0.0.1:").append(ports.get(f)).append('\n');
            int acls = 1 + random.nextInt(5);
            for (int a = 0; a < acls; a++) {
                s.append("    acl a").append(a).append(' ').append(criterion()).append('\n');
                if (random.nextInt(6) == 0) {
                    // A second line of the same name: ORed with the first.
                    s.append("    acl a").append(a).append(' ').append(criterion()).append('\n');
                }
            }
            int rules = 1 + random.nextInt(6);
            for (int r = 0; r < rules; r++) {
                String cond = (random.nextInt(4) == 0 ? "unless " : "if ") + condition(acls);
                if (random.nextInt(7) == 0) {
                    s.append("    http-request deny deny_status ").append(List.of(400, 403, 404, 405, 429).get(random.nextInt(5))).append(' ')
                            .append(cond).append('\n');
                } else {
                    s.append("    use_backend ").append(tag).append("_be").append(random.nextInt(backends)).append(' ')
                            .append(cond).append('\n');
                }
            }
            if (random.nextInt(8) != 0) {
                s.append("    default_backend ").append(tag).append("_be").append(random.nextInt(backends)).append('\n');
            }
            s.append('\n');
        }
        for (int b = 0; b < backends; b++) {
            String name = tag + "_be" + b;
            s.append("backend ").append(name).append('\n').append("    http-request return status 200 ")
                    .append("content-type text/plain string ").append(name).append(" hdr x-backend ").append(name)
                    .append("\n\n");
        }
        return s.toString();
    }

    private String condition(int acls) {
        StringBuilder s = new StringBuilder();
        int ors = random.nextInt(4) == 0 ? 2 : 1;
        for (int o = 0; o < ors; o++) {
            if (o > 0) {
                s.append(random.nextBoolean() ? " || " : " or ");
            }
            int ands = 1 + random.nextInt(random.nextInt(3) == 0 ? 3 : 1);
            for (int a = 0; a < ands; a++) {
                if (a > 0) {
                    s.append(' ');
                }
                if (random.nextInt(3) == 0) {
                    s.append('!');
                }
                if (random.nextInt(5) == 0) {
                    s.append("{ ").append(criterion()).append(" }");
                } else {
                    s.append('a').append(random.nextInt(acls));
                }
            }
        }
        return s.toString();
    }

    private String criterion() {
        String i = random.nextInt(3) == 0 ? " -i" : "";
        return switch (random.nextInt(15)) {
            case 0, 1 -> "hdr(host)" + i + " " + values(HOST_WORDS);
            case 2 -> "hdr_beg(host)" + i + " " + values(HOST_PREFIXES);
            case 3 -> "hdr_end(host)" + i + " " + values(HOST_SUFFIXES);
            case 4 -> "hdr_dom(host)" + i + " " + values(DOMAINS);
            case 5 -> "hdr_reg(host)" + i + " " + values(HOST_REGEX);
            case 6 -> "path" + i + " " + values(PATH_EXACT);
            case 7 -> "path_beg" + i + " " + values(PATH_PREFIXES);
            case 8 -> "path_end" + i + " " + values(PATH_SUFFIXES);
            case 9 -> "path_reg" + i + " " + values(PATH_REGEX);
            case 10 -> "path_dir" + i + " " + values(PATH_DIRS);
            case 11 -> "method" + i + " " + values(METHOD_VALUES);
            case 12 -> "src " + values(NETWORKS);
            case 13 -> "hdr(x-canary)" + i + " " + values(List.of("on", "yes", "ON"));
            default -> "path" + i + " -m " + List.of("beg", "end", "sub", "dom", "dir", "str").get(random.nextInt(6))
                    + " " + values(PATH_PREFIXES);
        };
    }

    private String values(List<String> pool) {
        int n = 1 + (random.nextInt(3) == 0 ? random.nextInt(2) + 1 : 0);
        List<String> out = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            out.add(pool.get(random.nextInt(pool.size())));
        }
        return String.join(" ", out);
    }

    /** A request built from the pools, with a source address on the loopback network. */
    Request request() {
        String host = HOSTS.get(random.nextInt(HOSTS.size()));
        Request r = new Request(host, PATHS.get(random.nextInt(PATHS.size())),
                METHODS.get(random.nextInt(METHODS.size())), new TreeMap<>(), List.of(),
                Optional.of(SOURCES.get(random.nextInt(SOURCES.size()))));
        if (random.nextInt(3) == 0) {
            r = r.withHeader("X-Canary", CANARY.get(random.nextInt(CANARY.size())));
        }
        return r;
    }
}
