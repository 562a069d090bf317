package dev.lbguard.source.terraform.eval;

import dev.lbguard.source.hcl.Attribute;
import dev.lbguard.source.hcl.Block;
import dev.lbguard.source.hcl.Expression;
import dev.lbguard.source.hcl.TemplatePart;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a resource's {@code lifecycle { ignore_changes }} names of what routes: Terraform sets those arguments when it
 * creates the resource and never changes them after, so what runs may differ from the configuration (a CodeDeploy
 * blue/green deployment swaps a rule's action under {@code ignore_changes = [action]}, as public code does), and a
 * change to them in a commit is not applied to a resource that exists.
 */
final class IgnoredChanges {
    private IgnoredChanges() {
    }

    /** The routing arguments of {@code resource} (of {@code type}) whose changes Terraform ignores, sorted. */
    static List<String> routing(Block resource, String type) {
        Set<String> routing = ErrorReach.routingAttributes(type);
        Set<String> out = new TreeSet<>();
        if (routing.isEmpty()) {
            return List.of();
        }
        for (Block lifecycle : resource.body().blocks("lifecycle")) {
            Optional<Attribute> ignored = lifecycle.body().attribute("ignore_changes");
            if (ignored.isEmpty()) {
                continue;
            }
            Expression e = ignored.get().expression();
            List<Expression> names = e instanceof Expression.Tuple t ? t.elements() : List.of(e);
            for (Expression name : names) {
                // all (0.12 on), "*" (0.11), else the argument a traversal starts from: action, default_action[0].x
                String root = root(name).orElse("");
                if (root.equals("all") || root.equals("*")) {
                    out.addAll(routing);
                } else if (routing.contains(root)) {
                    out.add(root);
                }
            }
        }
        return List.copyOf(out);
    }

    private static Optional<String> root(Expression e) {
        if (e instanceof Expression.Variable v) {
            return Optional.of(v.name());
        }
        if (e instanceof Expression.GetAttr g) {
            return root(g.source());
        }
        if (e instanceof Expression.Index i) {
            return root(i.source());
        }
        if (e instanceof Expression.Template t && t.parts().size() == 1 && t.parts().get(0) instanceof TemplatePart.Literal l) {
            // Terraform 0.11 quoted the names: "action", "default_action.0.target_group_arn"
            return Optional.of(l.text().split("[.\\[]", 2)[0]);
        }
        return Optional.empty();
    }
}
