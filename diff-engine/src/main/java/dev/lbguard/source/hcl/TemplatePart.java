package dev.lbguard.source.hcl;

import java.util.List;
import java.util.Optional;

/** A piece of a template: literal text, {@code ${expr}}, {@code %{if}} or {@code %{for}}. */
public sealed interface TemplatePart extends Node {

    /** Literal text, with escapes ({@code \n}, {@code $${}, {@code %%{}) already decoded. */
    record Literal(String text, Range range) implements TemplatePart {
    }

    /** {@code ${expression}}. */
    record Interpolation(Expression expression, Range range) implements TemplatePart {
    }

    /** {@code %{if cond}...%{else}...%{endif}}. */
    record If(Expression condition, List<TemplatePart> whenTrue, List<TemplatePart> whenFalse, Range range)
            implements TemplatePart {
        public If {
            whenTrue = List.copyOf(whenTrue);
            whenFalse = List.copyOf(whenFalse);
        }
    }

    /** {@code %{for k, v in coll}...%{endfor}}. */
    record For(Optional<String> keyVariable, String valueVariable, Expression collection, List<TemplatePart> body,
               Range range) implements TemplatePart {
        public For {
            body = List.copyOf(body);
        }
    }
}
