package dev.lbguard.model;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a rule (or a listener's default) does with a request it takes: zero or more authenticate steps in
 * order, then one terminal {@link RouteAction}.
 */
public record RuleAction(List<Authenticate> authenticate, RouteAction terminal) {
    private static final Comparator<Authenticate> ORDER = Comparator.comparingInt(Authenticate::order)
            .thenComparing(Authenticate::kind);

    public RuleAction {
        // Most actions authenticate nothing, and every rule of every snapshot builds one (or two, normalised).
        authenticate = authenticate.isEmpty() ? List.of() : Sorted.list(authenticate.stream().sorted(ORDER).toList());
        Objects.requireNonNull(terminal, "terminal");
    }

    public static RuleAction of(RouteAction terminal) {
        return new RuleAction(List.of(), terminal);
    }

    public boolean isKnown() {
        return terminal.isKnown();
    }

    @Override
    public String toString() {
        return Stream.concat(authenticate.stream().map(a -> a.kind().label()), Stream.of(terminal.toString()))
                .collect(Collectors.joining(" then "));
    }
}
