package dev.lbguard.source.haproxy;

import dev.lbguard.model.AclExpr;
import dev.lbguard.model.AclExpr.Fetch;
import dev.lbguard.model.AclExpr.MatchMethod;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Parses ACL criteria ({@code hdr_beg(host) -i www.}) into {@link AclExpr.Match}es and {@code if}/{@code unless}
 * conditions into expressions over a proxy's named ACLs. What it cannot evaluate becomes {@link AclExpr.Unknown}
 * with an error diagnostic, never a guess.
 */
final class AclParser {
    private static final Pattern HDR = Pattern.compile("(?:req\\.)?hdr(_beg|_end|_sub|_dom|_dir|_reg)?\\(([^,()]+)\\)");
    private static final Map<String, MatchMethod> PATH_FETCHES = Map.of("path", MatchMethod.STR,
            "path_beg", MatchMethod.BEG, "path_end", MatchMethod.END, "path_sub", MatchMethod.SUB,
            "path_dom", MatchMethod.DOM, "path_dir", MatchMethod.DIR, "path_reg", MatchMethod.REG);
    private static final Map<String, MatchMethod> METHODS = Map.of("str", MatchMethod.STR, "beg", MatchMethod.BEG,
            "end", MatchMethod.END, "sub", MatchMethod.SUB, "dom", MatchMethod.DOM, "dir", MatchMethod.DIR,
            "reg", MatchMethod.REG, "ip", MatchMethod.IP);

    private final Problems problems;
    private final boolean ssl;

    /** {@code ssl}: whether the listener the conditions are read for ends TLS, which {@code ssl_fc} tests. */
    AclParser(Problems problems, boolean ssl) {
        this.problems = problems;
        this.ssl = ssl;
    }

    /** One ACL criterion with its flags and values: the words after {@code acl <name>}, or inside braces. */
    AclExpr criterion(List<String> words, int line) {
        String text = String.join(" ", words);
        if (words.isEmpty()) {
            return unknown(text, "an ACL needs a criterion", line);
        }
        String fetchWord = words.get(0);
        boolean icase = false;
        Optional<String> explicit = Optional.empty();
        int i = 1;
        while (i < words.size() && words.get(i).startsWith("-")) {
            String flag = words.get(i);
            if (flag.equals("--")) {
                i++;
                break;
            } else if (flag.equals("-i")) {
                icase = true;
            } else if (flag.equals("-m") && i + 1 < words.size()) {
                explicit = Optional.of(words.get(++i));
            } else if (flag.equals("-u") && i + 1 < words.size()) {
                i++;
            } else if (!flag.equals("-n")) {
                return unknown(text, "ACL flag " + flag + " is not supported (pattern files and maps are not read)",
                        line);
            }
            i++;
        }
        List<String> values = new ArrayList<>(words.subList(i, words.size()));
        if (fetchWord.equals("ssl_fc") && values.isEmpty() && explicit.orElse("bool").equals("bool")) {
            // A property of the listener, not of the request: known once the bind is.
            return ssl ? AclExpr.TRUE : new AclExpr.Or(List.of());
        }
        Optional<Fetch> fetch = Optional.empty();
        String header = "";
        Optional<MatchMethod> implied = Optional.empty();
        var hdr = HDR.matcher(fetchWord);
        if (hdr.matches()) {
            fetch = Optional.of(Fetch.HDR);
            header = hdr.group(2).trim();
            implied = Optional.of(hdr.group(1) == null ? MatchMethod.STR
                    : MatchMethod.valueOf(hdr.group(1).substring(1).toUpperCase(Locale.ROOT)));
            if (hdr.group(1) != null && explicit.isPresent()) {
                return unknown(text, fetchWord + " with -m is not supported", line);
            }
        } else if (PATH_FETCHES.containsKey(fetchWord)) {
            fetch = Optional.of(Fetch.PATH);
            implied = Optional.of(PATH_FETCHES.get(fetchWord));
            if (!fetchWord.equals("path") && explicit.isPresent()) {
                return unknown(text, fetchWord + " with -m is not supported", line);
            }
        } else if (fetchWord.equals("method")) {
            if (explicit.isPresent()) {
                return unknown(text, "method with -m is not supported", line);
            }
            return checked(new AclExpr.Match(Fetch.METHOD, "", MatchMethod.METH, values, icase), text, line);
        } else if (fetchWord.equals("src")) {
            if (explicit.isPresent() && !explicit.get().equals("ip")) {
                return unknown(text, "src with -m " + explicit.get() + " is not supported", line);
            }
            return checked(new AclExpr.Match(Fetch.SRC, "", MatchMethod.IP, values, false), text, line);
        }
        if (fetch.isEmpty()) {
            return unknown(text, "ACL fetch " + fetchWord + " is not supported", line);
        }
        MatchMethod method = implied.orElseThrow();
        if (explicit.isPresent()) {
            MatchMethod m = METHODS.get(explicit.get());
            if (m == null || m == MatchMethod.IP) {
                return unknown(text, "match method -m " + explicit.get() + " is not supported", line);
            }
            method = m;
        }
        return checked(new AclExpr.Match(fetch.get(), header, method, values, icase), text, line);
    }

    private AclExpr checked(AclExpr.Match m, String text, int line) {
        for (String v : m.values()) {
            if (v.contains("%[")) {
                return unknown(text, "pattern " + v + " uses a sample expression", line);
            }
            if (m.method() == MatchMethod.REG) {
                try {
                    Pattern.compile(v);
                } catch (PatternSyntaxException e) {
                    return unknown(text, "regular expression " + v + " does not compile: " + e.getDescription(), line);
                }
            }
            if (m.method() == MatchMethod.IP && !isNetwork(v)) {
                return unknown(text, "src value " + v + " is not an address or network", line);
            }
        }
        return m;
    }

    private static boolean isNetwork(String v) {
        return new inet.ipaddr.IPAddressString(v).getAddress() != null;
    }

    private AclExpr unknown(String text, String reason, int line) {
        problems.error("haproxy-unsupported-acl", reason + ": " + text, line);
        return new AclExpr.Unknown(text, reason);
    }

    /**
     * The condition after {@code if} or {@code unless} ({@code words} start at that keyword): terms separated by
     * {@code ||} or {@code or}, each an implicit AND of (possibly negated) ACL names or braced anonymous ACLs.
     *
     * @param acls the proxy's named ACLs, each the OR of its lines, with the line each was first declared on
     */
    AclExpr condition(List<String> words, Map<String, NamedAcl> acls, int line) {
        boolean unless = words.get(0).equals("unless");
        List<AclExpr> ors = new ArrayList<>();
        List<AclExpr> ands = new ArrayList<>();
        int i = 1;
        while (i < words.size()) {
            String w = words.get(i);
            if (w.equals("||") || w.equalsIgnoreCase("or")) {
                ors.add(and(ands));
                ands = new ArrayList<>();
                i++;
                continue;
            }
            boolean negate = false;
            while (w.startsWith("!")) {
                negate = !negate;
                w = w.substring(1);
                if (w.isEmpty() && i + 1 < words.size()) {
                    w = words.get(++i);
                }
            }
            AclExpr term;
            if (w.equals("{")) {
                int close = words.subList(i, words.size()).indexOf("}");
                if (close < 0) {
                    return unknown(String.join(" ", words), "missing } in anonymous ACL", line);
                }
                term = criterion(words.subList(i + 1, i + close), line);
                i += close + 1;
            } else {
                term = named(w, acls, line);
                i++;
            }
            ands.add(negate ? new AclExpr.Not(term) : term);
        }
        ors.add(and(ands));
        AclExpr cond = ors.size() == 1 ? ors.get(0) : new AclExpr.Or(ors);
        return unless ? new AclExpr.Not(cond) : cond;
    }

    private static AclExpr and(List<AclExpr> terms) {
        return terms.size() == 1 ? terms.get(0) : new AclExpr.And(terms);
    }

    private AclExpr named(String name, Map<String, NamedAcl> acls, int line) {
        NamedAcl acl = acls.get(name);
        if (acl != null && acl.firstLine() <= line) {
            return acl.lines().size() == 1 ? acl.lines().get(0) : new AclExpr.Or(acl.lines());
        }
        Optional<AclExpr> predefined = predefined(name);
        if (predefined.isPresent()) {
            return predefined.get();
        }
        return unknown(name, acl == null ? "no ACL named " + name : "ACL " + name + " is used before it is declared",
                line);
    }

    /** HAProxy's predefined ACLs that lbguard can evaluate; the others are unknown. */
    private Optional<AclExpr> predefined(String name) {
        if (name.equals("TRUE") || name.equals("HTTP")) {
            return Optional.of(AclExpr.TRUE);
        }
        if (name.equals("FALSE")) {
            return Optional.of(new AclExpr.Or(List.of()));
        }
        if (name.equals("LOCALHOST")) {
            return Optional.of(new AclExpr.Match(Fetch.SRC, "", MatchMethod.IP, List.of("127.0.0.1/8", "::1"), false));
        }
        if (name.startsWith("METH_") && List.of("CONNECT", "DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT", "TRACE")
                .contains(name.substring(5))) {
            List<String> m = name.equals("METH_GET") ? List.of("GET", "HEAD") : List.of(name.substring(5));
            return Optional.of(new AclExpr.Match(Fetch.METHOD, "", MatchMethod.METH, m, false));
        }
        return Optional.empty();
    }

    /** A named ACL: its lines in order (ORed) and where it is first declared. */
    record NamedAcl(int firstLine, List<AclExpr> lines) {
        static Map<String, NamedAcl> table() {
            return new LinkedHashMap<>();
        }
    }
}
