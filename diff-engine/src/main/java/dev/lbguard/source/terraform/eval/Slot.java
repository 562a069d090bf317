package dev.lbguard.source.terraform.eval;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A value computed on first use; a request while it is being computed is a reference cycle. */
public final class Slot<T> {
    // Not private: EvalState#compute and #replay read and fill in these fields, because computing a value is the
    // evaluation's job (its values in progress, its trails, its diagnostics).
    final boolean isolated;
    /** The declaration this is the value of, in the root module; null elsewhere (never reused). */
    final Dep dep;
    boolean running;
    Optional<T> value = Optional.empty();
    Set<List<Object>> errors = Set.of();
    Trail trail;
    boolean replay;
    // Names the computation that made the trail: what the trails of values that read this one note (see Trail).
    private Origin origin;

    /** Who computed a value, by identity only: it holds nothing, so trails keep no earlier evaluation alive. */
    static final class Origin {
    }

    public Slot() {
        this(false, null);
    }

    /**
     * An isolated slot does not pass its errors on to what reads it: its reader takes the part it reads (a
     * resource's count and one attribute) with {@link EvalState#read}.
     */
    Slot(boolean isolated, Dep dep) {
        this.isolated = isolated;
        this.dep = dep;
    }

    /** The value, once computed. */
    Optional<T> value() {
        return value;
    }

    /** What computing it did; null until computed. */
    Trail trail() {
        return trail;
    }

    /**
     * This computed value for another evaluation (with {@code value} in place of its own: the same at another
     * revision), which replays its trail when first read there.
     */
    Slot<T> reused(T value) {
        Slot<T> s = new Slot<>(isolated, dep);
        s.value = Optional.of(value);
        s.errors = errors;
        s.trail = trail;
        s.replay = true;
        s.origin = origin();
        return s;
    }

    /** Stands for {@code before} from now on: a variable evaluated again where its instance is taken over. */
    void standsFor(Slot<?> before) {
        origin = before.origin();
    }

    /** The token of the computation that made this value: its own, or that of the slot it was taken over from. */
    Origin origin() {
        if (origin == null) {
            origin = new Origin();
        }
        return origin;
    }

    /** The errors met computing this value, its own and those of what it read. */
    Set<List<Object>> errors() {
        return errors;
    }
}
