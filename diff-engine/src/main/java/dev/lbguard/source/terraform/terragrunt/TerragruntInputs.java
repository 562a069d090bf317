package dev.lbguard.source.terraform.terragrunt;

import dev.lbguard.diagnostic.SourceRef;
import dev.lbguard.source.hcl.Attribute;
import dev.lbguard.source.hcl.Block;
import dev.lbguard.source.hcl.Expression;
import dev.lbguard.source.hcl.TemplatePart;
import dev.lbguard.source.terraform.eval.EvalState;
import dev.lbguard.source.terraform.eval.Slot;
import dev.lbguard.source.terraform.eval.Variables;
import dev.lbguard.source.value.Value;
import dev.lbguard.source.value.ValueOps;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The variables of a Terragrunt unit's module: Terragrunt passes the unit's {@code inputs} as {@code TF_VAR_}
 * environment variables, so every other way Terraform takes a value ({@code terraform.tfvars} of the module,
 * {@code --var-file}, {@code --var}) wins over them, as it wins over the environment.
 */
final class TerragruntInputs implements Variables.Source {
    private final EvalState state;
    private final Variables.Source terraform;
    private final Set inputs;
    private final String unitFile;

    TerragruntInputs(EvalState state, Variables.Source terraform, Set inputs, String unitFile) {
        this.state = state;
        this.terraform = terraform;
        this.inputs = inputs;
        this.unitFile = unitFile;
    }

    @Override
    public Optional<Variables.Given> given(String name) {
        Optional<Variables.Given> given = terraform.given(name);
        return given.isPresent() ? given : inputs.get(name);
    }

    @Override
    public Value.Unknown missing(String name, Block declaration) {
        String message = "variable " + name + " has no value; give it in the inputs of " + unitFile;
        state.error("tf-variable-missing", message, state.ref(declaration.range()));
        return Value.Unknown.unevaluable(message);
    }

    /**
     * The inputs of one file, or of files merged: each input evaluated when a variable reads it, so that an
     * input that cannot be evaluated reaches only what reads it.
     */
    interface Set {
        Set EMPTY = new Set() {
            @Override
            public Optional<Variables.Given> get(String name) {
                return Optional.empty();
            }

            @Override
            public Value all() {
                return Value.Obj.object(Map.of());
            }
        };

        Optional<Variables.Given> get(String name);

        /** Every input as one object. */
        Value all();

        /** The {@code inputs} attribute of a file. */
        static Set of(TerragruntFile file) {
            Optional<Attribute> a = file.body().attribute("inputs");
            if (a.isEmpty()) {
                return EMPTY;
            }
            if (a.get().expression() instanceof Expression.ObjectCons o
                    && o.items().stream().allMatch(i -> keyName(i.key()).isPresent())) {
                return new Literal(file, o);
            }
            return new Whole(file, a.get());
        }

        /** {@code over}'s inputs over {@code base}'s: replacing them, or merged into them ({@code deep}). */
        static Set merge(Set base, Set over, boolean deep) {
            if (base == EMPTY) {
                return over;
            }
            return new Set() {
                @Override
                public Optional<Variables.Given> get(String name) {
                    Optional<Variables.Given> o = over.get(name);
                    Optional<Variables.Given> b = base.get(name);
                    if (o.isEmpty()) {
                        return b;
                    }
                    if (deep && b.isPresent()) {
                        return Optional.of(new Variables.Given(deepMerge(b.get().value(), o.get().value()),
                                o.get().source()));
                    }
                    return o;
                }

                @Override
                public Value all() {
                    Value b = base.all();
                    Value o = over.all();
                    if (b instanceof Value.Obj bo && o instanceof Value.Obj oo) {
                        Map<String, Value> fields = new LinkedHashMap<>(bo.fields());
                        oo.fields().forEach((k, v) -> fields.put(k, deep && fields.containsKey(k)
                                ? deepMerge(fields.get(k), v) : v));
                        return Value.Obj.object(fields);
                    }
                    return o instanceof Value.Unknown ? o : b;
                }
            };
        }
    }

    /**
     * Terragrunt's deep merge: objects merged key by key, lists concatenated, anything else the later value.
     */
    static Value deepMerge(Value base, Value over) {
        if (base instanceof Value.Obj b && over instanceof Value.Obj o) {
            Map<String, Value> fields = new LinkedHashMap<>(b.fields());
            o.fields().forEach((k, v) -> fields.put(k, fields.containsKey(k) ? deepMerge(fields.get(k), v) : v));
            return new Value.Obj(o.object(), fields);
        }
        if (base instanceof Value.Seq b && over instanceof Value.Seq o && b.kind() != Value.Seq.Kind.SET
                && o.kind() != Value.Seq.Kind.SET) {
            List<Value> items = new ArrayList<>(b.items());
            items.addAll(o.items());
            return new Value.Seq(o.kind(), items);
        }
        return over;
    }

    /** The literal name of an object key: {@code name} or {@code "name"}. */
    private static Optional<String> keyName(Expression.ObjectKey key) {
        if (key.literalName().isPresent()) {
            return key.literalName();
        }
        if (key.expression() instanceof Expression.Template t && t.parts().size() == 1
                && t.parts().get(0) instanceof TemplatePart.Literal l) {
            return Optional.of(l.text());
        }
        if (key.expression() instanceof Expression.Template t && t.parts().isEmpty()) {
            return Optional.of("");
        }
        return Optional.empty();
    }

    /** {@code inputs = { name = ... }}: each input its own value. */
    private static final class Literal implements Set {
        private final TerragruntFile file;
        private final Map<String, Expression.ObjectItem> items = new LinkedHashMap<>();
        private final Map<String, Slot<Value>> slots = new HashMap<>();

        Literal(TerragruntFile file, Expression.ObjectCons o) {
            this.file = file;
            for (Expression.ObjectItem i : o.items()) {
                items.put(keyName(i.key()).orElseThrow(), i);
            }
        }

        @Override
        public Optional<Variables.Given> get(String name) {
            Expression.ObjectItem item = items.get(name);
            if (item == null) {
                return Optional.empty();
            }
            EvalState state = file.state();
            SourceRef at = state.ref(item.range());
            Value v = state.compute(slots.computeIfAbsent(name, k -> new Slot<>()),
                    file.path() + ": inputs." + name, at, () -> file.evaluate(item.value()),
                    () -> Value.Unknown.unevaluable("cycle through inputs." + name));
            return Optional.of(new Variables.Given(v, at));
        }

        @Override
        public Value all() {
            Map<String, Value> fields = new LinkedHashMap<>();
            items.keySet().forEach(k -> fields.put(k, get(k).orElseThrow().value()));
            return Value.Obj.object(fields);
        }
    }

    /** {@code inputs = merge(local.common, {...})}: one value, read whole by each input. */
    private static final class Whole implements Set {
        private final TerragruntFile file;
        private final Attribute attribute;
        private final Slot<Value> slot = new Slot<>();

        Whole(TerragruntFile file, Attribute attribute) {
            this.file = file;
            this.attribute = attribute;
        }

        @Override
        public Value all() {
            EvalState state = file.state();
            return state.compute(slot, file.path() + ": inputs", state.ref(attribute.range()),
                    () -> file.evaluate(attribute.expression()), () -> Value.Unknown.unevaluable("cycle through inputs"));
        }

        @Override
        public Optional<Variables.Given> get(String name) {
            Value v = all();
            SourceRef at = file.state().ref(attribute.range());
            if (v instanceof Value.Obj o) {
                return Optional.ofNullable(o.fields().get(name)).map(x -> new Variables.Given(x, at));
            }
            if (v instanceof Value.Unknown u) {
                return Optional.of(new Variables.Given(ValueOps.derived(u), at));
            }
            return Optional.empty();
        }
    }
}
