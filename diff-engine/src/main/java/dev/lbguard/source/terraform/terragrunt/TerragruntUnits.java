package dev.lbguard.source.terraform.terragrunt;

import dev.lbguard.source.SourceTree;
import dev.lbguard.source.resources.ResourceInstance;
import dev.lbguard.source.resources.TerraformEvaluation;
import dev.lbguard.source.terraform.eval.EvalState;
import dev.lbguard.source.terraform.eval.RootInputs;
import dev.lbguard.source.terraform.eval.TerraformEvaluator;
import dev.lbguard.source.terraform.eval.TerraformInputs;
import dev.lbguard.source.terraform.eval.VendoredSources;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Terragrunt units as root modules. A directory with a {@code terragrunt.hcl} is a unit when that configuration
 * (with its includes) has a {@code terraform { source }} or the directory holds {@code .tf} files; Terraform then
 * runs the source's module (or the directory's own files) with the unit's {@code inputs} as its variables. A file
 * that other units include ({@code find_in_parent_folders()}) is not a unit. A unit is reported as the root
 * module its directory names, its resources under {@code unit["DIR"]}, so that units of one module stay apart.
 */
public final class TerragruntUnits {
    /** The name of a unit's configuration. */
    public static final String CONFIG = "terragrunt.hcl";

    private TerragruntUnits() {
    }

    /** Whether {@code dir} holds a Terragrunt configuration. */
    public static boolean hasConfig(SourceTree tree, String dir) {
        return tree.isFile(SourceTree.join(dir, CONFIG));
    }

    /**
     * What the discovery of root modules learns of one unit: where its module comes from and the files its
     * configuration includes.
     */
    public record Unit(String dir, TerragruntConfig.Source source, List<String> files, boolean hasTerraformFiles) {
        /** Whether Terragrunt runs Terraform here: a source, or Terraform files of its own. */
        boolean isUnit() {
            return source.kind() != TerragruntConfig.Source.Kind.NONE || hasTerraformFiles;
        }

        /** The module Terraform runs, when it is a directory of this repository. */
        public Optional<String> moduleDir() {
            return switch (source.kind()) {
                case LOCAL -> Optional.of(source.moduleDir());
                case NONE -> Optional.of(dir);
                default -> Optional.empty();
            };
        }
    }

    /**
     * The units among directories with a {@code terragrunt.hcl}: those that run Terraform, less the files other
     * units include (a parent {@code terragrunt.hcl} found by {@code find_in_parent_folders()}).
     */
    public static List<Unit> units(SourceTree tree, List<String> dirs) {
        List<Unit> read = new java.util.ArrayList<>();
        dirs.forEach(d -> read(tree, d).ifPresent(read::add));
        java.util.Set<String> included = new java.util.HashSet<>();
        read.forEach(u -> included.addAll(u.files().subList(1, u.files().size())));
        return read.stream().filter(Unit::isUnit)
                .filter(u -> !included.contains(SourceTree.join(u.dir(), CONFIG))).toList();
    }

    /** The unit in {@code dir}, read without reporting anything (the evaluation reports). */
    static Optional<Unit> read(SourceTree tree, String dir) {
        EvalState probe = new EvalState(tree, dir);
        try {
            Optional<TerragruntConfig> config = TerragruntConfig.read(probe, SourceTree.join(dir, CONFIG), Map.of());
            boolean tf = tree.files(dir).stream().anyMatch(f -> f.endsWith(".tf") || f.endsWith(".tf.json"));
            if (config.isEmpty()) {
                // What does not parse is read as a unit, so that the evaluation says why it is not read.
                return Optional.of(new Unit(dir, new TerragruntConfig.Source(TerragruntConfig.Source.Kind.UNKNOWN,
                        "", "", probe.fileRef(dir)), List.of(SourceTree.join(dir, CONFIG)), tf));
            }
            return Optional.of(new Unit(dir, config.get().source(), config.get().files(), tf));
        } catch (RuntimeException | StackOverflowError e) {
            return Optional.of(new Unit(dir, new TerragruntConfig.Source(TerragruntConfig.Source.Kind.UNKNOWN,
                    "", "", probe.fileRef(dir)), List.of(SourceTree.join(dir, CONFIG)), false));
        }
    }

    /** An evaluated unit, and the module directory it ran (its own directory when none could be read). */
    public record Evaluated(TerraformEvaluation evaluation, String moduleDir) {
    }

    /**
     * Evaluates the unit in {@code dir}: its configuration, then its module with its inputs (and, over them, the
     * module's {@code .tfvars} and the command line's variables). {@code environment} is what {@code get_env}
     * reads.
     */
    public static Evaluated evaluate(SourceTree tree, String dir, TerraformInputs inputs, Map<String, String> environment) {
        Optional<Unit> probe = read(tree, dir);
        String moduleDir = probe.flatMap(Unit::moduleDir).orElse(dir);
        EvalState state = new EvalState(tree, moduleDir);
        state.limits(inputs.limits());
        String path = "unit[" + ResourceInstance.quote(dir.isEmpty() ? "." : dir) + "]";
        String file = SourceTree.join(dir, CONFIG);
        try {
            Optional<TerragruntConfig> config = TerragruntConfig.read(state, file, environment);
            if (config.isEmpty()) {
                return new Evaluated(new TerraformEvaluation(dir, List.of(), List.of(), state.diagnostics(), List.of(), state.secrets()), moduleDir);
            }
            TerragruntUnreadSettings.report(config.get());
            TerragruntConfig.Source source = config.get().source();
            boolean tf = tree.files(dir).stream().anyMatch(f -> f.endsWith(".tf") || f.endsWith(".tf.json"));
            switch (source.kind()) {
                case REMOTE -> {
                    Optional<VendoredSources.Copy> copy = VendoredSources.of(tree, inputs, dir, source.text());
                    if (copy.isPresent()) {
                        EvalState there = copy.get().state();
                        there.warning(dev.lbguard.diagnostic.Diagnostic.MODULE_COPY, "Terragrunt unit " + dir + " applies "
                                + source.text() + ", read from the copy " + copy.get().origin() + ", not from the "
                                + "repository; this report holds for that copy", source.at());
                        return evaluateIn(there, dir, path, file, inputs, environment);
                    }
                    state.error("tg-remote-source", "Terragrunt unit " + dir + " applies the module " + source.text()
                            + ", which lbguard does not fetch, so its routing is not in this report; give a copy of "
                            + "its files at that revision with --module-dir " + source.text() + "=DIR", source.at());
                    return new Evaluated(new TerraformEvaluation(dir, List.of(), List.of(), state.diagnostics(), List.of(), state.secrets()), dir);
                }
                case UNKNOWN -> {
                    state.error("tg-source", "the terraform source of Terragrunt unit " + dir + " could not be "
                            + "evaluated (" + source.text() + "), so lbguard does not know which module it applies",
                            source.at());
                    return new Evaluated(new TerraformEvaluation(dir, List.of(), List.of(), state.diagnostics(), List.of(), state.secrets()), dir);
                }
                case NONE -> {
                    if (!tf) {
                        state.error("tg-not-a-unit", file + " has no terraform source and " + dir + " holds no "
                                + "Terraform files: it is not a unit Terraform runs in", state.fileRef(file));
                        return new Evaluated(new TerraformEvaluation(dir, List.of(), List.of(), state.diagnostics(), List.of(), state.secrets()),
                                dir);
                    }
                }
                default -> {
                    if (!tree.isDirectory(source.moduleDir())) {
                        state.error("tg-source", "the terraform source " + source.text() + " of Terragrunt unit " + dir
                                + " is " + source.moduleDir() + ", which is not a directory of the repository",
                                source.at());
                        return new Evaluated(new TerraformEvaluation(dir, List.of(), List.of(), state.diagnostics(), List.of(), state.secrets()),
                                dir);
                    }
                }
            }
            if (!state.rootDir.equals(source.moduleDir()) && source.kind() == TerragruntConfig.Source.Kind.LOCAL) {
                // The configuration names another module than it did when probed: read again from there.
                EvalState there = new EvalState(tree, source.moduleDir());
                there.limits(inputs.limits());
                return evaluateIn(there, dir, path, file, inputs, environment);
            }
            TerragruntInputs.Set unitInputs = config.get().inputs();
            TerraformEvaluation evaluation = new TerraformEvaluator().evaluate(state, dir, path,
                    root -> new TerragruntInputs(state, new RootInputs(state, root, inputs), unitInputs, file));
            return new Evaluated(evaluation, state.rootDir);
        } catch (RuntimeException | StackOverflowError e) {
            state.error("tf-internal", "internal error evaluating Terragrunt unit " + dir + ": " + e,
                    state.fileRef(file));
            return new Evaluated(new TerraformEvaluation(dir, List.of(), List.of(), state.diagnostics(), List.of(), state.secrets()), moduleDir);
        }
    }

    private static Evaluated evaluateIn(EvalState state, String dir, String path, String file, TerraformInputs inputs,
                                        Map<String, String> environment) {
        Optional<TerragruntConfig> config = TerragruntConfig.read(state, file, environment);
        if (config.isEmpty()) {
            return new Evaluated(new TerraformEvaluation(dir, List.of(), List.of(), state.diagnostics(), List.of(), state.secrets()), dir);
        }
        TerragruntUnreadSettings.report(config.get());
        config.get().source();
        TerragruntInputs.Set unitInputs = config.get().inputs();
        TerraformEvaluation evaluation = new TerraformEvaluator().evaluate(state, dir, path,
                root -> new TerragruntInputs(state, new RootInputs(state, root, inputs), unitInputs, file));
        return new Evaluated(evaluation, state.rootDir);
    }
}
