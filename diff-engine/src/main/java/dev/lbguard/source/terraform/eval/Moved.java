package dev.lbguard.source.terraform.eval;

import dev.lbguard.source.hcl.Attribute;
import dev.lbguard.source.hcl.Block;
import dev.lbguard.source.hcl.Expression;
import dev.lbguard.source.hcl.TemplatePart;
import dev.lbguard.source.resources.MovedBlock;
import dev.lbguard.source.resources.ResourceInstance;
import dev.lbguard.source.value.Value;
import dev.lbguard.source.value.ValueOps;
import java.util.Optional;

/** Reads {@code moved} blocks: their addresses are static traversals, printed as written. */
final class Moved {
    private Moved() {
    }

    static Optional<MovedBlock> of(ModuleInstance module, Block block) {
        EvalState state = module.state;
        Optional<Attribute> from = block.body().attribute("from");
        Optional<Attribute> to = block.body().attribute("to");
        if (from.isEmpty() || to.isEmpty()) {
            state.error("tf-moved", "a moved block needs from and to", state.ref(block.range()));
            return Optional.empty();
        }
        Optional<String> f = address(from.get().expression());
        Optional<String> t = address(to.get().expression());
        if (f.isEmpty() || t.isEmpty()) {
            state.error("tf-moved", "moved addresses must be static resource or module addresses",
                    state.ref((f.isEmpty() ? from : to).get().range()));
            return Optional.empty();
        }
        String prefix = module.path.isEmpty() ? "" : module.path + ".";
        return Optional.of(new MovedBlock(prefix + f.get(), prefix + t.get(), state.ref(block.range())));
    }

    static Optional<String> address(Expression e) {
        if (e instanceof Expression.Variable v) {
            return Optional.of(v.name());
        } else if (e instanceof Expression.GetAttr g) {
            return address(g.source()).map(s -> s + "." + g.name());
        } else if (e instanceof Expression.Index i) {
            Optional<String> key = Optional.empty();
            if (i.key() instanceof Expression.NumberLiteral n) {
                key = Optional.of(ValueOps.numberString(new Value.Num(n.value())));
            } else if (i.key() instanceof Expression.Template t && t.parts().size() <= 1
                    && t.parts().stream().allMatch(p -> p instanceof TemplatePart.Literal)) {
                String text = t.parts().isEmpty() ? "" : ((TemplatePart.Literal) t.parts().get(0)).text();
                key = Optional.of(ResourceInstance.quote(text));
            }
            Optional<String> k = key;
            return address(i.source()).flatMap(s -> k.map(x -> s + "[" + x + "]"));
        }
        return Optional.empty();
    }
}
