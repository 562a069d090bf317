package dev.lbguard.source.terraform.eval;

import dev.lbguard.diagnostic.SourceRef;
import dev.lbguard.source.hcl.Attribute;
import dev.lbguard.source.hcl.Block;
import dev.lbguard.source.hcl.Expression;
import dev.lbguard.source.value.EvalException;
import dev.lbguard.source.value.TypeConstraint;
import dev.lbguard.source.value.Value;
import java.util.Optional;

/**
 * The value of a {@code variable}: what was given for it (or its default), converted to its {@code type}
 * with optional-attribute defaults, with {@code nullable = false} honoured.
 */
public final class Variables {
    private Variables() {
    }

    /** A value given for a variable and where it was given. */
    public record Given(Value value, SourceRef source) {
    }

    /** Where the values of a module instance's variables come from. */
    public interface Source {
        Optional<Given> given(String name);

        /** Reports a required variable without a value, and returns what stands in for it. */
        Value.Unknown missing(String name, Block declaration);
    }

    static Value value(EvalState state, Block decl, Source source) {
        String name = decl.labels().get(0);
        Optional<TypeConstraint> type = type(state, decl);
        boolean nullable = nullable(state, decl);
        Optional<Given> given = source.given(name);
        if (given.isPresent() && given.get().value() instanceof Value.Null && !nullable) {
            given = Optional.empty();
        }
        if (given.isEmpty()) {
            Optional<Attribute> def = decl.body().attribute("default");
            if (def.isEmpty()) {
                return source.missing(name, decl);
            }
            given = Optional.of(new Given(constant(state, def.get().expression()), state.ref(def.get().range())));
            if (given.get().value() instanceof Value.Null && !nullable) {
                return source.missing(name, decl);
            }
        }
        Value v = given.get().value();
        if (type.isEmpty() || v instanceof Value.Unknown) {
            return v;
        }
        try {
            return type.get().convert(v);
        } catch (EvalException e) {
            String message = "invalid value for variable " + name + ": " + e.getMessage();
            state.error("tf-variable-type", message, given.get().source());
            return Value.Unknown.unevaluable(message);
        } catch (RuntimeException e) {
            String message = "internal error converting variable " + name + ": " + e;
            state.error("tf-internal", message, given.get().source());
            return Value.Unknown.unevaluable(message);
        }
    }

    private static Optional<TypeConstraint> type(EvalState state, Block decl) {
        Optional<Attribute> t = decl.body().attribute("type");
        if (t.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(TypeParser.variableType(t.get().expression()));
        } catch (EvalException e) {
            // A type terraform cannot read fails terraform validate whatever the values, so it is never harmless.
            state.error("tf-variable", "invalid type for variable " + decl.labels().get(0) + ": "
                    + e.getMessage(), state.ref(t.get().range()));
            return Optional.empty();
        }
    }

    private static boolean nullable(EvalState state, Block decl) {
        Optional<Attribute> n = decl.body().attribute("nullable");
        if (n.isEmpty()) {
            return true;
        }
        Value v = constant(state, n.get().expression());
        if (v instanceof Value.Bool b) {
            return b.value();
        }
        state.error("tf-variable", "nullable must be true or false", state.ref(n.get().range()));
        return true;
    }

    /**
     * True when Terraform takes a {@code TF_VAR_} or {@code --var} value for this variable as a raw string: no
     * type, or a primitive type. Other types are parsed as an HCL expression.
     */
    static boolean literalMode(Block decl) {
        Optional<Attribute> t = decl.body().attribute("type");
        return t.isEmpty() || t.get().expression() instanceof Expression.Variable v
                && (v.name().equals("string") || v.name().equals("number") || v.name().equals("bool"));
    }

    /** Evaluates an expression that may reference nothing, such as a default or a {@code .tfvars} value. */
    static Value constant(EvalState state, Expression e) {
        return new ExprEvaluator(state).value(e, Scope.of(Refs.CONSTANT));
    }
}
