package dev.lbguard.source.terraform.eval;

import dev.lbguard.diagnostic.SourceRef;
import dev.lbguard.source.hcl.Attribute;
import dev.lbguard.source.hcl.Block;
import dev.lbguard.source.hcl.Body;
import dev.lbguard.source.hcl.Expression;
import dev.lbguard.source.value.EvalException;
import dev.lbguard.source.value.Value;
import dev.lbguard.source.value.ValueOps;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a resource body into the object {@code terraform show -json} prints: arguments as values, nested
 * blocks (static and {@code dynamic}, in file order) as lists of objects, meta-arguments left out.
 */
final class BlockExpander {
    /** Meta-arguments of a resource: Terraform consumes them, they are no attribute of the resource. */
    static final Set<String> META_ATTRIBUTES = Set.of("count", "for_each", "provider", "depends_on");
    static final Set<String> META_BLOCKS = Set.of("lifecycle", "provisioner", "connection");

    private final EvalState state;

    BlockExpander(EvalState state) {
        this.state = state;
    }

    /**
     * The top-level body of a resource; records the line of each top-level attribute and block in {@code sources}
     * and the errors each met in {@code errors}, so that an error's reach is known attribute by attribute.
     */
    Value.Obj resourceBody(Body body, Scope scope, Map<String, SourceRef> sources,
                           Map<String, Set<List<Object>>> errors) {
        for (Attribute a : body.attributes()) {
            if (!META_ATTRIBUTES.contains(a.name())) {
                sources.put(a.name(), state.ref(a.nameRange()));
            }
        }
        for (Block b : body.blocks()) {
            if (b.type().equals("dynamic") && !b.labels().isEmpty()) {
                sources.putIfAbsent(b.labels().get(0), state.ref(b.range()));
            } else if (!META_BLOCKS.contains(b.type())) {
                sources.putIfAbsent(b.type(), state.ref(b.range()));
            }
        }
        return body(body, scope, errors);
    }

    Value.Obj body(Body body, Scope scope) {
        return body(body, scope, null);
    }

    /** A body; {@code topErrors} is set for a resource's top-level body only, where meta-arguments are left out. */
    private Value.Obj body(Body body, Scope scope, Map<String, Set<List<Object>>> topErrors) {
        boolean resourceTop = topErrors != null;
        Map<String, Value> fields = new LinkedHashMap<>();
        for (Attribute a : body.attributes()) {
            if (resourceTop && META_ATTRIBUTES.contains(a.name())) {
                continue;
            }
            fields.put(a.name(), traced(a.name(), topErrors,
                    () -> new ExprEvaluator(state).value(a.expression(), scope)));
        }
        Map<String, List<Value>> blocks = new LinkedHashMap<>();
        Map<String, Value.Unknown> unknownBlocks = new LinkedHashMap<>();
        for (Block b : body.blocks()) {
            if (resourceTop && META_BLOCKS.contains(b.type())) {
                continue;
            }
            if (b.type().equals("dynamic")) {
                // A dynamic block without its label names no attribute: its error stays the resource's own.
                traced(b.labels().isEmpty() ? null : b.labels().get(0), b.labels().isEmpty() ? null : topErrors,
                        () -> {
                            dynamic(b, scope, blocks, unknownBlocks);
                            return null;
                        });
            } else {
                Value block = traced(b.type(), topErrors, () -> body(b.body(), scope));
                blocks.computeIfAbsent(b.type(), k -> new ArrayList<>()).add(block);
            }
        }
        blocks.forEach((type, list) -> {
            if (fields.containsKey(type)) {
                state.error("tf-block", "\"" + type + "\" is set both as an argument and as a block",
                        state.ref(body.range()));
            }
            fields.put(type, Value.Values.list(list));
        });
        fields.putAll(unknownBlocks);
        return Value.Obj.object(fields);
    }

    /** Runs {@code body}, adding the errors it met to {@code name}'s in {@code errors} when that is given. */
    private <T> T traced(String name, Map<String, Set<List<Object>>> errors, java.util.function.Supplier<T> body) {
        if (errors == null) {
            return body.get();
        }
        Traced<T> t = state.trace(body);
        state.read(t.errors());
        errors.merge(name, t.errors(), ErrorReach::union);
        return t.value();
    }

    private void dynamic(Block b, Scope scope, Map<String, List<Value>> blocks,
                         Map<String, Value.Unknown> unknownBlocks) {
        if (b.labels().size() != 1) {
            state.error("tf-dynamic", "a dynamic block needs exactly one label, the block type", state.ref(b.range()));
            return;
        }
        String type = b.labels().get(0);
        List<Value> list = blocks.computeIfAbsent(type, k -> new ArrayList<>());
        Optional<Attribute> forEach = b.body().attribute("for_each");
        List<Block> contents = b.body().blocks("content");
        if (forEach.isEmpty() || contents.size() != 1) {
            Value.Unknown u = state.fail("tf-dynamic",
                    "dynamic \"" + type + "\" needs a for_each argument and one content block", b.range());
            unknownBlocks.put(type, u);
            return;
        }
        String iterator = type;
        Optional<Attribute> it = b.body().attribute("iterator");
        if (it.isPresent()) {
            if (it.get().expression() instanceof Expression.Variable v) {
                iterator = v.name();
            } else {
                unknownBlocks.put(type, state.fail("tf-dynamic", "iterator must be a bare name", it.get().range()));
                return;
            }
        }
        Value collection = new ExprEvaluator(state).value(forEach.get().expression(), scope);
        if (collection instanceof Value.Unknown u) {
            // Terraform plans an unknown number of blocks; so does lbguard, for the whole block type.
            unknownBlocks.put(type, ValueOps.derived(u));
            return;
        }
        List<Map.Entry<Value, Value>> elements;
        try {
            elements = ValueOps.elements(collection, "dynamic \"" + type + "\" for_each");
        } catch (EvalException e) {
            unknownBlocks.put(type, state.fail("tf-dynamic", e.getMessage(), forEach.get().range()));
            return;
        }
        for (Map.Entry<Value, Value> el : elements) {
            Map<String, Value> iter = new LinkedHashMap<>();
            iter.put("key", el.getKey());
            iter.put("value", el.getValue());
            list.add(body(contents.get(0).body(), scope.with(iterator, Value.Obj.object(iter))));
        }
    }
}
