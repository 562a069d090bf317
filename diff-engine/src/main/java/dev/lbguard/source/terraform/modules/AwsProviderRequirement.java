package dev.lbguard.source.terraform.modules;

import dev.lbguard.source.SourceTree;
import dev.lbguard.source.hcl.Attribute;
import dev.lbguard.source.hcl.Block;
import dev.lbguard.source.hcl.Expression;
import dev.lbguard.source.hcl.HclFile;
import dev.lbguard.source.hcl.HclParser;
import dev.lbguard.source.hcl.HclSyntaxException;
import dev.lbguard.source.hcl.TemplatePart;
import dev.lbguard.source.resources.AwsProviderVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which AWS provider versions a root module lets {@code terraform init} install: the version constraints of its
 * {@code terraform { required_providers { aws = ... } }} and of legacy {@code provider "aws" { version = ... }}
 * blocks, and the version its committed {@code .terraform.lock.hcl} pins, which init keeps while it meets them.
 * Read only when a rule's syntax depends on the provider's major version, so most evaluations never read it.
 * Constraints of called modules also bind terraform; lbguard reads the root module's only.
 */
public final class AwsProviderRequirement {
    /** The first provider version without the 2.x syntax (condition {@code field}, {@code values}). */
    static final VersionConstraint.Version THREE = VersionConstraint.Version.of(3, 0, 0);
    private static final String LOCK_FILE = ".terraform.lock.hcl";
    private static final String LOCKED_AWS = "registry.terraform.io/hashicorp/aws";

    private final VersionConstraint constraint;
    private final List<String> where;
    private final Optional<VersionConstraint.Version> locked;
    private final Optional<String> problem;

    private AwsProviderRequirement(VersionConstraint constraint, List<String> where,
                                   Optional<VersionConstraint.Version> locked, Optional<String> problem) {
        this.constraint = constraint;
        this.where = List.copyOf(where);
        this.locked = locked;
        this.problem = problem;
    }

    /** A root module that says nothing of the provider's version. */
    public static AwsProviderRequirement none() {
        return new AwsProviderRequirement(VersionConstraint.any(), List.of(), Optional.empty(), Optional.empty());
    }

    /** A root module that requires {@code constraint} (for tests and callers without files). */
    public static AwsProviderRequirement of(String constraint, String where) {
        return new AwsProviderRequirement(VersionConstraint.parse(constraint), List.of(where), Optional.empty(),
                Optional.empty());
    }

    /** Constraints of one kind (required_providers, or provider blocks) and where they are written. */
    private record Found(VersionConstraint constraint, List<String> where) {
        static final Found NONE = new Found(VersionConstraint.any(), List.of());

        Found and(VersionConstraint c, String at) {
            List<String> all = new ArrayList<>(where);
            all.add(at);
            return new Found(constraint.and(c), all);
        }
    }

    /**
     * Reads the root module in {@code dir}: its {@code .tf} and {@code .tf.json} files and lock file. As terraform merges them, an override
     * file's constraint replaces the one of its kind that the other files set.
     */
    public static AwsProviderRequirement read(SourceTree tree, String dir) {
        List<String> names = new ArrayList<>(tree.files(dir).stream()
                .filter(n -> n.endsWith(".tf") || n.endsWith(".tf.json")).toList());
        names.sort(java.util.Comparator.comparing(AwsProviderRequirement::isOverride));
        Found[] found = {Found.NONE, Found.NONE};
        Optional<String> problem = Optional.empty();
        for (String name : names) {
            Found[] inFile = {Found.NONE, Found.NONE};
            for (Attribute version : versions(parse(tree, SourceTree.join(dir, name)))) {
                String at = version.range().file() + ":" + version.range().startLine();
                int kind = version.name().equals("required") ? 0 : 1;
                try {
                    VersionConstraint c = VersionConstraint.parse(literal(version.expression()).orElseThrow(() ->
                            new IllegalArgumentException("the aws provider's version must be a literal string")));
                    inFile[kind] = inFile[kind].and(c, at);
                } catch (IllegalArgumentException e) {
                    problem = problem.or(() -> Optional.of(e.getMessage() + " (" + at + ")"));
                }
            }
            for (int kind = 0; kind < 2; kind++) {
                if (isOverride(name) && !inFile[kind].where().isEmpty()) {
                    found[kind] = inFile[kind];
                } else if (!inFile[kind].where().isEmpty()) {
                    found[kind] = new Found(found[kind].constraint().and(inFile[kind].constraint()),
                            concat(found[kind].where(), inFile[kind].where()));
                }
            }
        }
        return new AwsProviderRequirement(found[0].constraint().and(found[1].constraint()),
                concat(found[0].where(), found[1].where()), locked(tree, SourceTree.join(dir, LOCK_FILE)), problem);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /**
     * Whether the provider that terraform installs for this root module still takes the 2.x syntax. Without any
     * constraint terraform installs the newest provider, which does not.
     */
    public AwsProviderVersion verdict() {
        if (problem.isPresent()) {
            return new AwsProviderVersion(false, "terraform cannot read the aws provider's version: " + problem.get());
        }
        if (locked.isPresent() && constraint.admits(locked.get())) {
            return new AwsProviderVersion(locked.get().compareTo(THREE) < 0, "the lock file " + LOCK_FILE + " pins aws "
                    + locked.get());
        }
        if (where.isEmpty()) {
            return AwsProviderVersion.UNSAID;
        }
        String required = "the root module requires aws \"" + constraint + "\" (" + String.join(", ", where) + ")";
        if (!constraint.admitsSomeVersion()) {
            return new AwsProviderVersion(false, required + ", which no version meets");
        }
        return new AwsProviderVersion(constraint.admitsSomeVersionBefore(THREE), required);
    }

    private static boolean isOverride(String name) {
        String stem = name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : name;
        return stem.equals("override.tf") || stem.endsWith("_override.tf");
    }

    /**
     * The {@code version} attributes for the aws provider in a file: those of {@code required_providers} named
     * {@code required}, those of {@code provider "aws"} blocks named {@code version}.
     */
    private static List<Attribute> versions(Optional<HclFile> file) {
        List<Attribute> out = new ArrayList<>();
        if (file.isEmpty()) {
            return out;
        }
        for (Block b : file.get().body().blocks()) {
            if (b.type().equals("provider") && b.labels().equals(List.of("aws"))) {
                b.body().attribute("version").ifPresent(out::add);
            }
            for (Block required : b.type().equals("terraform") ? b.body().blocks("required_providers") : List.<Block>of()) {
                required.body().attribute("aws").flatMap(AwsProviderRequirement::versionOf)
                        .ifPresent(v -> out.add(new Attribute("required", v.expression(), v.nameRange(), v.range())));
            }
        }
        return out;
    }

    /** {@code aws = "~> 2.0"} (Terraform 0.12's form) or {@code aws = { source = ..., version = "~> 2.0" }}. */
    private static Optional<Attribute> versionOf(Attribute aws) {
        if (aws.expression() instanceof Expression.ObjectCons object) {
            for (Expression.ObjectItem item : object.items()) {
                if (key(item.key()).filter("version"::equals).isPresent()) {
                    return Optional.of(new Attribute("version", item.value(), item.range(), item.range()));
                }
            }
            return Optional.empty();
        }
        return Optional.of(aws);
    }

    private static Optional<String> key(Expression.ObjectKey key) {
        if (key.literalName().isPresent()) {
            return key.literalName();
        }
        return key.expression() instanceof Expression.Variable v ? Optional.of(v.name()) : literal(key.expression());
    }

    private static Optional<String> literal(Expression e) {
        if (e instanceof Expression.Template t && !t.heredoc() && t.parts().size() == 1
                && t.parts().get(0) instanceof TemplatePart.Literal l) {
            return Optional.of(l.text());
        }
        return Optional.empty();
    }

    /** The aws version the lock file pins, if there is a lock file naming it. */
    private static Optional<VersionConstraint.Version> locked(SourceTree tree, String path) {
        if (!tree.isFile(path)) {
            return Optional.empty();
        }
        for (Block b : parse(tree, path).map(f -> f.body().blocks("provider")).orElse(List.of())) {
            if (b.labels().equals(List.of(LOCKED_AWS))) {
                try {
                    return b.body().attribute("version").flatMap(a -> literal(a.expression()))
                            .flatMap(AwsProviderRequirement::exact);
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<VersionConstraint.Version> exact(String version) {
        String[] parts = version.strip().split("[-+]", 2)[0].split("\\.");
        if (parts.length != 3) {
            return Optional.empty();
        }
        return Optional.of(VersionConstraint.Version.of(Long.parseLong(parts[0]), Long.parseLong(parts[1]),
                Long.parseLong(parts[2])));
    }

    /** A file parsed, or nothing: the evaluation reports the files it cannot read or parse. */
    private static Optional<HclFile> parse(SourceTree tree, String path) {
        try {
            String text = new String(tree.read(path), StandardCharsets.UTF_8);
            return Optional.of(path.endsWith(".tf.json") ? JsonConfiguration.parse(path, text)
                    : HclParser.parse(path, text));
        } catch (IOException | HclSyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
