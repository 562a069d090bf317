package dev.lbguard.source.resources;

import dev.lbguard.diagnostic.SourceRef;
import dev.lbguard.source.value.Value;
import dev.lbguard.source.value.ValueOps;
import java.util.Map;

/**
 * One evaluated resource instance, as {@code terraform plan} would plan it.
 *
 * @param address the full instance address, e.g. {@code module.edge.aws_lb_listener_rule.api["checkout"]}
 * @param module the module path, e.g. {@code module.edge}, or {@code ""} for the root module
 * @param type the resource type as written ({@code aws_alb} stays {@code aws_alb})
 * @param name the resource name
 * @param indexKey the {@code count} index (number) or {@code for_each} key (string), or {@link Value.Null} when
 *                 neither (never a Java null)
 * @param source the line of the {@code resource} block
 * @param attributes the evaluated arguments and nested blocks (blocks as lists of objects), in the shape of
 *                   {@code terraform show -json} values; what is not known before apply is {@link Value.Unknown}
 * @param attributeSources the line of each top-level attribute or block, keyed by its name
 */
public record ResourceInstance(String address, String module, String type, String name, Value indexKey,
                               SourceRef source, Value.Obj attributes, Map<String, SourceRef> attributeSources) {
    public ResourceInstance {
        attributeSources = AttributeSources.of(attributeSources);
    }

    /** The same instance read at {@code revision} (the same text at another commit). */
    public ResourceInstance atRevision(String revision) {
        if (source.revision().equals(revision)) {
            return this;
        }
        return new ResourceInstance(address, module, type, name, indexKey, source.atRevision(revision), attributes,
                ((AttributeSources) attributeSources).atRevision(revision));
    }

    /**
     * The instance address Terraform prints, e.g. {@code module.a["k"].aws_lb.x[0]}: the one spelling shared by
     * HCL evaluation and state files, so that both name an element alike.
     */
    public static String address(String module, String type, String name, Value indexKey) {
        StringBuilder s = new StringBuilder();
        if (!module.isEmpty()) {
            s.append(module).append('.');
        }
        s.append(type).append('.').append(name);
        if (indexKey instanceof Value.Num n) {
            s.append('[').append(ValueOps.numberString(n)).append(']');
        } else if (indexKey instanceof Value.Str str) {
            s.append('[').append(quote(str.value())).append(']');
        }
        return s.toString();
    }

    /** The resource address without the instance key, e.g. {@code module.edge.aws_lb_listener_rule.api}. */
    public String resourceAddress() {
        return (module.isEmpty() ? "" : module + ".") + type + "." + name;
    }

    /** A string key as Terraform prints it in an address: Go-quoted. */
    public static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\x%02x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
