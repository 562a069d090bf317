package dev.lbguard.policy.file;

import dev.lbguard.diagnostic.SourceRef;
import dev.lbguard.diagnostic.Spelling;
import dev.lbguard.policy.file.PolicyYaml.Entry;
import dev.lbguard.policy.file.PolicyYaml.Mapping;
import dev.lbguard.policy.file.PolicyYaml.Node;
import dev.lbguard.policy.file.PolicyYaml.Scalar;
import dev.lbguard.policy.file.PolicyYaml.Sequence;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Strict access to the nodes of one YAML file: a mapping with a key it does not allow, a list where one value
 * was due, a value missing, each is recorded as a problem at its line and column, with the closest known key or
 * what to write, and reading goes on so that one run reports every problem of the file.
 */
final class StrictNodes {
    private final String path;
    private final List<String> lines;
    private final List<PolicyFileException.Problem> problems = new ArrayList<>();

    StrictNodes(String path, String text) {
        this.path = path;
        this.lines = text.lines().toList();
    }

    List<PolicyFileException.Problem> problems() {
        return problems;
    }

    Optional<String> oneOf(Node node, String what, List<String> allowed) {
        Optional<String> v = scalarText(node, what);
        if (v.isPresent() && !allowed.contains(v.get())) {
            problem(node, what + " " + node.describe() + " is not one of " + String.join(", ", allowed));
            return Optional.empty();
        }
        return v;
    }

    /** The entries of a mapping with only {@code allowed} keys; an unknown key is a problem, with the closest. */
    Optional<Map<String, Entry>> mapping(Node node, String what, List<String> allowed) {
        if (!(node instanceof Mapping m)) {
            problem(node, what + " is " + node.describe() + "; write a mapping of " + String.join(", ", allowed));
            return Optional.empty();
        }
        for (Entry e : m.entries().values()) {
            if (!allowed.contains(e.key())) {
                String closest = Spelling.closest(e.key(), allowed);
                problem(e.line(), e.column(), "unknown key '" + e.key() + "' in " + what + "; "
                        + (closest.isEmpty() ? "" : "did you mean '" + closest + "'? ") + "keys there: "
                        + String.join(", ", allowed));
            }
        }
        Map<String, Entry> known = new LinkedHashMap<>(m.entries());
        known.keySet().retainAll(allowed);
        return Optional.of(known);
    }

    List<Node> list(Entry entry, String what) {
        if (entry == null || entry.value() instanceof Scalar s && s.isNull()) {
            return List.of();
        }
        if (entry.value() instanceof Sequence seq) {
            return seq.items();
        }
        problem(entry.value(), "'" + what + "' is " + entry.value().describe() + "; write a list, one '- ' per entry");
        return List.of();
    }

    Optional<String> requiredText(Node owner, Map<String, Entry> m, String key, String what, String hint) {
        Entry e = m.get(key);
        if (e == null) {
            problem(owner, what + " needs '" + key + "': " + hint);
            return Optional.empty();
        }
        return scalarText(e.value(), key);
    }

    Optional<String> optionalText(Map<String, Entry> m, String key) {
        Entry e = m.get(key);
        return e == null ? Optional.empty() : scalarText(e.value(), key);
    }

    Optional<String> scalarText(Node node, String what) {
        if (node instanceof Scalar s && !s.isNull()) {
            return Optional.of(s.text());
        }
        problem(node, what + " is " + node.describe() + "; write a single value"
                + (node instanceof Scalar ? "" : " (quote it if it holds ': ' or starts with '{' or '[')"));
        return Optional.empty();
    }

    /**
     * In YAML, {@code #} after a space starts a comment, so {@code reason: approved in #1234} reads as
     * "approved in": the ticket a reviewer would follow is silently lost. A comment that starts right after the
     * {@code #}, as ticket numbers and channels do, is taken for such a mistake.
     */
    void cutByComment(Node value, String key, String text) {
        if (!(value instanceof Scalar s) || s.line() < 1 || s.line() > lines.size()) {
            return;
        }
        String line = lines.get(s.line() - 1);
        int from = Math.min(line.length(), Math.max(0, s.column() - 1));
        if (line.startsWith("\"", from) || line.startsWith("'", from)) {
            return;
        }
        java.util.regex.Matcher m = Pattern.compile("\\s#(\\S.*)$").matcher(line.substring(from));
        if (m.find()) {
            problem(value, "the '#" + m.group(1) + "' after the " + key + " is a YAML comment, so the " + key
                    + " reads '" + text + "'; quote it all: " + key + ": \"" + text + " #" + m.group(1) + "\"");
        }
    }

    SourceRef at(Node node) {
        return SourceRef.of(path, node.line(), node.column());
    }

    void problem(Node node, String message) {
        problem(node.line(), node.column(), message);
    }

    void problem(int line, int column, String message) {
        problems.add(new PolicyFileException.Problem(path, line, column, message));
    }
}
