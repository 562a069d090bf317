package dev.lbguard.source.terraform.modules;

import dev.lbguard.source.resources.TerraformConditions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which properties of a block body in Terraform's JSON syntax are nested blocks, and how the others are read. JSON
 * cannot tell a block from an argument without the schema, which for resources is the provider's: lbguard knows the
 * nested blocks of the load-balancer resources it reads (AWS provider 5), Terraform's own blocks and meta-arguments,
 * and reads every other property as an argument. A block it does not know (an {@code ingress} of a security group)
 * is then an object or list argument of the same values, which nothing that routes requests reads.
 */
final class JsonSchema {

    /**
     * How a JSON value of an argument is read (Terraform's "block-type-specific exceptions"): as an expression, whose
     * strings are templates; literally, strings taken as they are ({@code source}, a variable's {@code default});
     * as references, strings parsed as expressions ({@code depends_on}, {@code moved}'s {@code from}); as a type,
     * a string parsed as a type expression (a variable's {@code type}).
     */
    enum Mode { EXPRESSION, LITERAL, REFERENCE, TYPE }

    /** A nested block type: how many labels it takes, and the schema of its body. */
    record Nested(int labels, JsonSchema body) {
    }

    private final Map<String, Nested> blocks;
    private final Map<String, Mode> arguments;
    private final Mode otherwise;
    private final boolean dynamic;

    private JsonSchema(Map<String, Nested> blocks, Map<String, Mode> arguments, Mode otherwise, boolean dynamic) {
        this.blocks = blocks;
        this.arguments = arguments;
        this.otherwise = otherwise;
        this.dynamic = dynamic;
    }

    /** The nested block type a property names, if it names one; {@code dynamic} takes one label, the type. */
    Optional<Nested> block(String name) {
        if (dynamic && name.equals("dynamic")) {
            return Optional.of(new Nested(1, null));
        }
        return Optional.ofNullable(blocks.get(name));
    }

    /** How the argument {@code name} is read. */
    Mode argument(String name) {
        return arguments.getOrDefault(name, otherwise);
    }

    /** The schema of the body of a {@code type} block with {@code labels}; a resource's depends on its type. */
    JsonSchema body(String type, List<String> labels) {
        if (this == FILE && type.equals("resource") && !labels.isEmpty()) {
            return resource(labels.get(0));
        }
        if (dynamic && type.equals("dynamic") && !labels.isEmpty()) {
            // for_each and labels are expressions, iterator a bare name; content is a block of the generated type.
            return new JsonSchema(Map.of("content", new Nested(0, content(labels.get(0)))),
                    Map.of("iterator", Mode.REFERENCE), Mode.EXPRESSION, false);
        }
        return blocks.get(type).body();
    }

    /** Whether {@code dynamic} blocks may generate nested blocks here (resource and data bodies, and their blocks). */
    boolean dynamicBlocks() {
        return dynamic;
    }

    /** The schema of a {@code dynamic "label"} block's {@code content}: that of the block type it generates. */
    private JsonSchema content(String label) {
        return Optional.ofNullable(blocks.get(label)).map(Nested::body).orElse(RESOURCE_NESTED);
    }

    // ---- building ----

    private static final JsonSchema EXPRESSIONS = new JsonSchema(Map.of(), Map.of(), Mode.EXPRESSION, false);
    private static final JsonSchema LITERALS = new JsonSchema(Map.of(), Map.of(), Mode.LITERAL, false);
    /** A nested block of a resource that lbguard has no schema for: arguments only, and dynamic blocks. */
    private static final JsonSchema RESOURCE_NESTED = new JsonSchema(Map.of(), Map.of(), Mode.EXPRESSION, true);

    private static JsonSchema nested(Map<String, Nested> blocks) {
        return new JsonSchema(blocks, Map.of(), Mode.EXPRESSION, true);
    }

    /** Blocks without labels, each with the given body, in the order given. */
    private static Map<String, Nested> blocks(Object... nameAndBody) {
        Map<String, Nested> out = new LinkedHashMap<>();
        for (int i = 0; i < nameAndBody.length; i += 2) {
            out.put((String) nameAndBody[i], new Nested(0, (JsonSchema) nameAndBody[i + 1]));
        }
        return out;
    }

    private static Map<String, Nested> leaves(List<String> names) {
        Map<String, Nested> out = new LinkedHashMap<>();
        names.forEach(n -> out.put(n, new Nested(0, RESOURCE_NESTED)));
        return out;
    }

    /** An action of a listener ({@code default_action}) or rule ({@code action}). */
    private static final JsonSchema ACTION = nested(blocks(
            "authenticate_cognito", RESOURCE_NESTED,
            "authenticate_oidc", RESOURCE_NESTED,
            "fixed_response", RESOURCE_NESTED,
            "forward", nested(blocks("target_group", RESOURCE_NESTED, "stickiness", RESOURCE_NESTED)),
            "redirect", RESOURCE_NESTED));

    /** The nested blocks of the load-balancer resource types, as the AWS provider (5.100) declares them. */
    private static final Map<String, Map<String, Nested>> LOAD_BALANCER_BLOCKS = Map.of(
            "aws_lb", leaves(List.of("access_logs", "connection_logs", "subnet_mapping", "timeouts",
                    "minimum_load_balancer_capacity", "ipam_pools")),
            "aws_lb_listener", blocks("default_action", ACTION, "mutual_authentication", RESOURCE_NESTED,
                    "timeouts", RESOURCE_NESTED),
            "aws_lb_listener_rule", blocks("action", ACTION,
                    "condition", nested(leaves(TerraformConditions.BODIES))),
            "aws_lb_target_group", blocks("health_check", RESOURCE_NESTED, "stickiness", RESOURCE_NESTED,
                    "target_failover", RESOURCE_NESTED, "target_health_state", RESOURCE_NESTED,
                    "target_group_health", nested(blocks("dns_failover", RESOURCE_NESTED,
                            "unhealthy_state_routing", RESOURCE_NESTED))));

    private static final JsonSchema CONDITIONS = nested(blocks("precondition", EXPRESSIONS,
            "postcondition", EXPRESSIONS));
    private static final JsonSchema LIFECYCLE = new JsonSchema(blocks("precondition", EXPRESSIONS,
            "postcondition", EXPRESSIONS),
            Map.of("ignore_changes", Mode.REFERENCE, "replace_triggered_by", Mode.REFERENCE), Mode.EXPRESSION, false);
    /** A connection's {@code type} is taken literally, the rest are expressions. */
    private static final JsonSchema CONNECTION = new JsonSchema(Map.of(), Map.of("type", Mode.LITERAL),
            Mode.EXPRESSION, false);
    private static final Map<String, Mode> RESOURCE_META = Map.of("provider", Mode.REFERENCE,
            "depends_on", Mode.REFERENCE);

    /**
     * The meta-blocks of every resource ({@link BlockExpander#META_BLOCKS}): {@code lifecycle}, {@code connection}
     * and {@code provisioner "type"}, which may hold a connection of its own.
     */
    private static Map<String, Nested> metaBlocks() {
        Map<String, Nested> out = new LinkedHashMap<>();
        out.put("lifecycle", new Nested(0, LIFECYCLE));
        out.put("connection", new Nested(0, CONNECTION));
        out.put("provisioner", new Nested(1, new JsonSchema(blocks("connection", CONNECTION), Map.of(),
                Mode.EXPRESSION, false)));
        return out;
    }

    /** The body of {@code resource "type" "name"}. */
    static JsonSchema resource(String type) {
        Map<String, Nested> all = new LinkedHashMap<>(LOAD_BALANCER_BLOCKS.getOrDefault(alias(type), Map.of()));
        all.putAll(metaBlocks());
        return new JsonSchema(all, RESOURCE_META, Mode.EXPRESSION, true);
    }

    /** {@code aws_alb_listener} is {@code aws_lb_listener} under its old name, with the same schema. */
    private static String alias(String type) {
        return type.startsWith("aws_alb") ? "aws_lb" + type.substring("aws_alb".length()) : type;
    }

    private static final JsonSchema DATA = new JsonSchema(blocks("lifecycle", CONDITIONS), RESOURCE_META,
            Mode.EXPRESSION, true);

    private static final JsonSchema VARIABLE = new JsonSchema(blocks("validation", EXPRESSIONS),
            Map.of("type", Mode.TYPE, "default", Mode.LITERAL, "description", Mode.LITERAL,
                    "sensitive", Mode.LITERAL, "nullable", Mode.LITERAL, "ephemeral", Mode.LITERAL),
            Mode.EXPRESSION, false);
    private static final JsonSchema OUTPUT = new JsonSchema(blocks("precondition", EXPRESSIONS),
            Map.of("description", Mode.LITERAL, "sensitive", Mode.LITERAL, "ephemeral", Mode.LITERAL,
                    "depends_on", Mode.REFERENCE), Mode.EXPRESSION, false);
    /** {@code providers} maps names to provider references: {@code {"aws": "aws.usw1"}}. */
    private static final JsonSchema MODULE = new JsonSchema(Map.of(),
            Map.of("source", Mode.LITERAL, "version", Mode.LITERAL, "providers", Mode.REFERENCE,
                    "depends_on", Mode.REFERENCE), Mode.EXPRESSION, false);
    private static final JsonSchema PROVIDER = new JsonSchema(Map.of(),
            Map.of("alias", Mode.LITERAL, "version", Mode.LITERAL), Mode.EXPRESSION, false);
    /** Nothing in a {@code terraform} block is evaluated: every string is literal. */
    private static final JsonSchema TERRAFORM = new JsonSchema(Map.of(
            "required_providers", new Nested(0, LITERALS),
            "backend", new Nested(1, LITERALS),
            "cloud", new Nested(0, new JsonSchema(blocks("workspaces", LITERALS), Map.of(), Mode.LITERAL, false)),
            "provider_meta", new Nested(1, LITERALS)), Map.of(), Mode.LITERAL, false);
    private static final JsonSchema MOVED = new JsonSchema(Map.of(),
            Map.of("from", Mode.REFERENCE, "to", Mode.REFERENCE), Mode.EXPRESSION, false);
    private static final JsonSchema REMOVED = new JsonSchema(blocks("lifecycle", LITERALS),
            Map.of("from", Mode.REFERENCE), Mode.EXPRESSION, false);
    private static final JsonSchema IMPORT = new JsonSchema(Map.of(),
            Map.of("to", Mode.REFERENCE, "provider", Mode.REFERENCE), Mode.EXPRESSION, false);
    private static final JsonSchema CHECK = new JsonSchema(Map.of("assert", new Nested(0, EXPRESSIONS),
            "data", new Nested(2, DATA)), Map.of(), Mode.EXPRESSION, false);

    /**
     * The top-level block types of a Terraform file and their labels. {@code resource} bodies depend on the
     * resource type, the first label: see {@link #resource}.
     */
    static final JsonSchema FILE = new JsonSchema(Map.ofEntries(
            Map.entry("terraform", new Nested(0, TERRAFORM)),
            Map.entry("provider", new Nested(1, PROVIDER)),
            Map.entry("variable", new Nested(1, VARIABLE)),
            Map.entry("locals", new Nested(0, EXPRESSIONS)),
            Map.entry("output", new Nested(1, OUTPUT)),
            Map.entry("module", new Nested(1, MODULE)),
            Map.entry("resource", new Nested(2, RESOURCE_NESTED)),
            Map.entry("data", new Nested(2, DATA)),
            Map.entry("ephemeral", new Nested(2, DATA)),
            Map.entry("moved", new Nested(0, MOVED)),
            Map.entry("removed", new Nested(0, REMOVED)),
            Map.entry("import", new Nested(0, IMPORT)),
            Map.entry("check", new Nested(1, CHECK))), Map.of(), Mode.EXPRESSION, false);
}
