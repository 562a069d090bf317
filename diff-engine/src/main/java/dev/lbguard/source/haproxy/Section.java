package dev.lbguard.source.haproxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One section of a configuration file ({@code global}, {@code defaults}, {@code frontend}, {@code backend},
 * {@code listen}, or one lbguard ignores) with its lines, and the defaults section it inherits from.
 */
final class Section {
    /** The section kinds that matter to routing; {@link #OTHER} covers peers, userlist, resolvers and the like. */
    enum Kind { GLOBAL, DEFAULTS, FRONTEND, BACKEND, LISTEN, OTHER }

    final Kind kind;
    final String name;
    final ConfigLine header;
    final List<ConfigLine> lines = new ArrayList<>();
    final Optional<Section> defaults;

    Section(Kind kind, String name, ConfigLine header, Optional<Section> defaults) {
        this.kind = kind;
        this.name = name;
        this.header = header;
        this.defaults = defaults;
    }

    boolean isFrontend() {
        return kind == Kind.FRONTEND || kind == Kind.LISTEN;
    }

    boolean isBackend() {
        return kind == Kind.BACKEND || kind == Kind.LISTEN;
    }

    /** The last line with this keyword, here or else in the inherited defaults. */
    Optional<ConfigLine> setting(String keyword) {
        Optional<ConfigLine> own = lines.stream().filter(l -> l.keyword().equals(keyword)).reduce((a, b) -> b);
        return own.isPresent() ? own : defaults.flatMap(d -> d.setting(keyword));
    }

    /** The proxy mode, {@code tcp} unless set here or in the defaults (HAProxy's own default). */
    String mode() {
        return setting("mode").map(l -> l.word(1)).orElse("tcp");
    }

    /** Splits a file's lines into sections; lines before the first section header belong to none. */
    static List<Section> split(List<ConfigLine> lines, Problems problems) {
        List<Section> out = new ArrayList<>();
        Optional<Section> lastDefaults = Optional.empty();
        Section current = null;
        for (ConfigLine l : lines) {
            Optional<Kind> kind = kindOf(l.keyword());
            if (kind.isEmpty()) {
                if (current == null && (l.keyword().equals(".if") || l.keyword().equals(".elif"))) {
                    problems.error("haproxy-conditional", "conditional block " + String.join(" ", l.words())
                            + ": HAProxy decides at startup whether the lines it guards apply, and lbguard does not",
                            l.number());
                } else if (current == null && !l.keyword().startsWith(".")) {
                    // haproxy -c refuses it ("unknown keyword ... out of section"): the configuration does not start.
                    problems.error("haproxy-syntax", "line outside any section: " + String.join(" ", l.words())
                            + "; haproxy refuses this configuration", l.number());
                } else if (current != null) {
                    current.lines.add(l);
                }
                continue;
            }
            String name = kind.get() == Kind.GLOBAL ? "" : l.word(1);
            Optional<Section> inherits = lastDefaults;
            int from = l.words().indexOf("from");
            if (from > 0 && from + 1 < l.words().size()) {
                String parent = l.word(from + 1);
                inherits = out.stream().filter(s -> s.kind == Kind.DEFAULTS && s.name.equals(parent)).reduce((a, b) -> b);
                if (inherits.isEmpty()) {
                    problems.error("haproxy-unknown-defaults", "no defaults section named " + parent, l.number());
                }
                if (from == 1) {
                    name = "";
                }
            }
            current = new Section(kind.get(), name, l, kind.get() == Kind.DEFAULTS && from < 0 ? Optional.empty() : inherits);
            if ((kind.get() == Kind.FRONTEND || kind.get() == Kind.BACKEND || kind.get() == Kind.LISTEN)
                    && name.isEmpty()) {
                problems.error("haproxy-syntax", l.keyword() + " needs a name", l.number());
            }
            if (kind.get() == Kind.DEFAULTS) {
                lastDefaults = Optional.of(current);
            }
            out.add(current);
        }
        return out;
    }

    private static Optional<Kind> kindOf(String keyword) {
        return switch (keyword) {
            case "global" -> Optional.of(Kind.GLOBAL);
            case "defaults" -> Optional.of(Kind.DEFAULTS);
            case "frontend" -> Optional.of(Kind.FRONTEND);
            case "backend" -> Optional.of(Kind.BACKEND);
            case "listen" -> Optional.of(Kind.LISTEN);
            case "peers", "userlist", "resolvers", "mailers", "program", "http-errors", "cache", "ring",
                 "crt-store", "log-forward", "fcgi-app" -> Optional.of(Kind.OTHER);
            default -> Optional.empty();
        };
    }
}
