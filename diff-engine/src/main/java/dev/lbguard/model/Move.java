package dev.lbguard.model;

import dev.lbguard.diagnostic.SourceRef;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A declared change of identity, such as a Terraform {@code moved} block: the element known as {@code from}
 * is the same object as the one now known as {@code to}, so renaming it destroys nothing.
 *
 * @param from the old identity as written (a whole resource, one instance, or a module)
 * @param to the new identity as written
 * @param source where the move is declared
 */
public record Move(ElementId from, ElementId to, SourceRef source) implements Comparable<Move> {
    private static final Comparator<Move> ORDER = Comparator
            .comparing(Move::from)
            .thenComparing(Move::to)
            .thenComparing(m -> m.source.path())
            .thenComparingInt(m -> m.source.line())
            .thenComparingInt(m -> m.source.column());

    public Move {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(source, "source");
    }

    public static Move of(String from, String to, SourceRef source) {
        return new Move(ElementId.of(from), ElementId.of(to), source);
    }

    /**
     * The identity {@code id} has after this move, if the move covers it. A move of a whole resource covers
     * its instances ({@code a} covers {@code a["x"]}), and a move of a module covers everything inside it
     * ({@code module.a} covers {@code module.a.aws_lb.x} and {@code module.a["k"].aws_lb.x}), because that is
     * how Terraform reads a {@code moved} block.
     */
    public Optional<ElementId> apply(ElementId id) {
        String f = from.value();
        String v = id.value();
        if (v.equals(f)) {
            return Optional.of(to);
        }
        if (v.startsWith(f) && (v.charAt(f.length()) == '[' || v.charAt(f.length()) == '.')) {
            return Optional.of(ElementId.of(to.value() + v.substring(f.length())));
        }
        return Optional.empty();
    }

    /**
     * Where {@code id} ends up after every move that applies, in a chain ({@code a → b} then {@code b → c});
     * {@code id} itself when none does, or when the moves go round in a cycle or keep growing the address
     * (a module moved into itself), both of which Terraform rejects.
     */
    public static ElementId follow(List<Move> moves, ElementId id) {
        Set<ElementId> seen = new HashSet<>();
        ElementId current = id;
        // A valid chain uses each move at most once, so more steps than moves means a cycle or growth.
        while (seen.add(current) && seen.size() <= moves.size() + 1) {
            Optional<ElementId> next = Optional.empty();
            for (Move m : moves) {
                next = m.apply(current);
                if (next.isPresent()) {
                    break;
                }
            }
            if (next.isEmpty()) {
                return current;
            }
            current = next.get();
        }
        return id;
    }

    @Override
    public int compareTo(Move o) {
        return ORDER.compare(this, o);
    }
}
