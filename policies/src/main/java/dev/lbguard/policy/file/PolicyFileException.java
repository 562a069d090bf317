package dev.lbguard.policy.file;

import java.util.List;
import java.util.stream.Collectors;

/** A policy file lbguard cannot use: every problem found, each with its place and what to write instead. */
public final class PolicyFileException extends Exception {
    private static final long serialVersionUID = 1L;

    /** One problem at {@code path:line:column}; line and column 0 mean the whole file. */
    public record Problem(String path, int line, int column, String message) {
        @Override
        public String toString() {
            return path + (line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "") + ": " + message;
        }
    }

    private final transient List<Problem> problems;

    public PolicyFileException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
