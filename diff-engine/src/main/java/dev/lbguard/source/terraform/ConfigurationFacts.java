package dev.lbguard.source.terraform;

import dev.lbguard.source.hcl.Block;
import dev.lbguard.source.hcl.BlockOutline;
import dev.lbguard.source.hcl.Expression;
import dev.lbguard.source.hcl.HclFile;
import dev.lbguard.source.hcl.HclSyntaxException;
import dev.lbguard.source.hcl.TemplatePart;
import dev.lbguard.source.terraform.modules.JsonConfiguration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@link RootModuleFinder}'s scan learns from one configuration file: whether it may define a load balancer (a
 * resource of its own, a remote module), the local modules it calls, and whether it configures where state is kept
 * (a {@code backend} or {@code cloud} block in {@code terraform}), which only a root module does.
 */
record ConfigurationFacts(boolean loadBalancer, List<String> localSources, boolean backend) {
    /** Load-balancer types, read or not (the Classic Load Balancer's are reported unread by the evaluator). */
    private static final String LB_TYPES = "aws_(lb|alb|elb|load_balancer|proxy_protocol_policy|app_cookie_stickiness_policy)"
            + "(_[a-z_]+)?";
    // HCL takes a label quoted or bare: resource "aws_lb" "x" and resource aws_lb x are the same block.
    private static final Pattern LB_RESOURCE = Pattern.compile("resource\\s+(\"" + LB_TYPES + "\"|" + LB_TYPES + "\\s)");
    private static final Pattern MODULE_BLOCK = Pattern.compile(
            "(?m)^\\s*module\\s+(\"[^\"]*\"|[A-Za-z_][A-Za-z0-9_-]*)\\s*\\{");
    private static final Pattern SOURCE = Pattern.compile("(?m)^\\s*source\\s*=\\s*\"([^\"]*)\"");
    private static final Pattern LB_TYPE = Pattern.compile(LB_TYPES);
    private static final Pattern BACKEND = Pattern.compile("(?m)^\\s*(backend\\s+(\"[^\"]*\"|\\w+)|cloud)\\s*\\{");
    private static final Pattern MAY_CALL_OR_CONFIGURE = Pattern.compile("(?m)^\\s*(module|terraform)\\b");
    private static final Pattern JSON_LB_OR_MODULE = Pattern.compile("\"(" + LB_TYPES + "|module)\"\\s*:");

    /**
     * The local modules a file calls, and whether it may define a load balancer: a resource of a load-balancer
     * type, or a module call whose source is not a local path (a registry or git module, or a computed source).
     * Read from the file's top-level blocks, so that a call in a comment calls nothing and a map key named
     * {@code source} inside a call is not its source. Text that does not lex is scanned line by line instead: the
     * evaluator reports its error, and what it may hold counts as the scan finds it.
     */
    static ConfigurationFacts ofHcl(String text) {
        // Terraform skips a byte order mark, and so does the evaluator.
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        if (!MAY_CALL_OR_CONFIGURE.matcher(body).find() && !body.contains("*/")) {
            // A block's type begins its line (but after a block comment), so no module call or terraform block is
            // here: whether a load balancer is declared is all there is to learn, and the pattern answers that
            // without lexing the file (a walk of a root per load balancer scans each changed file). A resource in
            // a comment counts too: its directory is then read and found to hold none, which says nothing wrong.
            return new ConfigurationFacts(LB_RESOURCE.matcher(body).find(), List.of(), false);
        }
        return BlockOutline.of(body).map(ConfigurationFacts::ofBlocks).orElseGet(() -> scanned(body));
    }

    private static ConfigurationFacts ofBlocks(List<BlockOutline> blocks) {
        List<String> sources = new ArrayList<>();
        boolean loadBalancer = false;
        boolean backend = false;
        for (BlockOutline b : blocks) {
            switch (b.type()) {
                case "resource" -> loadBalancer |= !b.labels().isEmpty() && LB_TYPE.matcher(b.labels().get(0)).matches();
                case "module" -> {
                    Optional<String> source = b.attributes().getOrDefault("source", Optional.empty());
                    Optional<String> local = source.flatMap(ConfigurationFacts::localSource);
                    if (local.isPresent()) {
                        sources.add(local.get());
                    } else {
                        loadBalancer = true;
                    }
                }
                case "terraform" -> backend |= b.blocks().contains("backend") || b.blocks().contains("cloud");
                default -> {
                }
            }
        }
        return new ConfigurationFacts(loadBalancer, List.copyOf(sources), backend);
    }

    /** The facts of text that does not lex, by patterns: each module block's own {@code source} is read. */
    private static ConfigurationFacts scanned(String text) {
        List<String> sources = new ArrayList<>();
        boolean unread = false;
        for (Matcher m = MODULE_BLOCK.matcher(text); m.find(); ) {
            String body = text.substring(m.end(), blockEnd(text, m.end()));
            Matcher source = SOURCE.matcher(body);
            Optional<String> local = source.find() ? localSource(source.group(1)) : Optional.empty();
            if (local.isPresent()) {
                sources.add(local.get());
            } else {
                unread = true;
            }
        }
        return new ConfigurationFacts(unread || LB_RESOURCE.matcher(text).find(), List.copyOf(sources),
                BACKEND.matcher(text).find());
    }

    private static boolean isLocal(String source) {
        return source.startsWith("./") || source.startsWith("../");
    }

    /**
     * The directory a call names beside its module: a relative path, or a bare one ({@code modules/alb}), which
     * Terraform 0.11 read so and later versions refuse (the evaluator says so at the call); either way the directory
     * is a module called from here, not a root of its own.
     */
    private static Optional<String> localSource(String source) {
        return isLocal(source) ? Optional.of(source)
                : dev.lbguard.source.terraform.eval.ModuleSources.bareRelativePath(source)
                ? Optional.of("./" + source.strip()) : Optional.empty();
    }

    /**
     * The facts of a file of Terraform's JSON syntax, read as the evaluator reads it: resources of load-balancer
     * types, and module calls by their {@code source}. A file that does not parse is scanned for the names of
     * load-balancer types and {@code "module"} (as JSON keys or HCL blocks): its module is then read, and the evaluator
     * reports the error.
     */
    static ConfigurationFacts ofJson(String path, String text) {
        HclFile file;
        try {
            file = JsonConfiguration.parse(path, text);
        } catch (HclSyntaxException | RuntimeException e) {
            // HCL saved as .tf.json is a broken file too: its resource and module blocks count as they would in .tf.
            return new ConfigurationFacts(JSON_LB_OR_MODULE.matcher(text).find() || LB_RESOURCE.matcher(text).find()
                    || MODULE_BLOCK.matcher(text).find(), List.of(), false);
        }
        List<String> sources = new ArrayList<>();
        boolean loadBalancer = false;
        boolean backend = false;
        for (Block b : file.body().blocks()) {
            if (b.type().equals("resource") && !b.labels().isEmpty()) {
                loadBalancer |= LB_TYPE.matcher(b.labels().get(0)).matches();
            } else if (b.type().equals("module")) {
                Optional<String> source = b.body().attribute("source").flatMap(a -> literal(a.expression()));
                Optional<String> local = source.flatMap(ConfigurationFacts::localSource);
                if (local.isPresent()) {
                    sources.add(local.get());
                } else {
                    loadBalancer = true;
                }
            } else if (b.type().equals("terraform")) {
                backend |= b.body().blocks().stream().anyMatch(n -> n.type().equals("backend") || n.type().equals("cloud"));
            }
        }
        return new ConfigurationFacts(loadBalancer, List.copyOf(sources), backend);
    }

    private static Optional<String> literal(Expression e) {
        return e instanceof Expression.Template t && t.parts().size() == 1
                && t.parts().get(0) instanceof TemplatePart.Literal l ? Optional.of(l.text()) : Optional.empty();
    }

    /** Where the block whose body starts at {@code from} ends: its closing brace, strings skipped. */
    private static int blockEnd(String text, int from) {
        int depth = 1;
        boolean quoted = false;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        return text.length();
    }
}
