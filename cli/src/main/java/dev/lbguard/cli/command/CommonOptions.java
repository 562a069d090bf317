package dev.lbguard.cli.command;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options every reporting command shares (CONTRACT.md, "Common options"). */
public final class CommonOptions {
    @Option(names = "--repo", paramLabel = "DIR",
            description = "The git repository (default: the one holding the current directory).")
    public Path repo;

    @Option(names = "--dir", paramLabel = "PATH",
            description = "A Terraform root module inside the repository (default: every root module found).")
    public String dir;

    /** {@code --var-file} and {@code --var} in the order given: Terraform lets a later one win. */
    private final List<Object> varArguments = new ArrayList<>();

    @Option(names = "--var-file", paramLabel = "FILE", description = "A .tfvars file, as terraform --var-file (repeatable).")
    void varFile(Path file) {
        varArguments.add(file);
    }

    @Option(names = "--var", paramLabel = "NAME=VALUE", description = "A variable, as terraform --var (repeatable).")
    void var(String assignment) {
        varArguments.add(assignment);
    }

    @Option(names = "--module-dir", paramLabel = "KEY_OR_SOURCE=DIR", description = "Read the remote module that "
            + "a module call names (by module key, such as alb or alb.sub, or by source address) from DIR, a copy of "
            + "its files, instead of from .terraform/modules, where terraform init installs it (repeatable). "
            + "lbguard never downloads modules.")
    List<String> moduleDirs = new ArrayList<>();

    @Option(names = "--workspace", paramLabel = "NAME", description = "The Terraform workspace that "
            + "terraform.workspace names (default: TF_WORKSPACE, else the workspace selected in the root module's "
            + ".terraform/environment on disk, else default).")
    String workspace;

    @Option(names = "--ansible-group", paramLabel = "NAME",
            description = "The inventory group whose group_vars apply to an Ansible tree (they differ per environment).")
    String ansibleGroup;

    @Option(names = "--extra-vars", paramLabel = "NAME=VALUE",
            description = "An Ansible extra variable, as ansible-playbook -e (repeatable; highest precedence).")
    java.util.Map<String, String> extraVars = new java.util.LinkedHashMap<>();

    @Option(names = "--playbook", paramLabel = "FILE", description = "The playbook of an Ansible tree to read "
            + "(default: every playbook at its top level).")
    String playbook;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "Report format: ${COMPLETION-CANDIDATES} (default: text).")
    public OutputFormat format = OutputFormat.TEXT;

    @Option(names = "--output", paramLabel = "FILE", description = "Write the report here instead of standard output.")
    public Path output;

    @Option(names = "--limit", paramLabel = "NAME=N", description = "Raise a limit on the input lbguard reads "
            + "(repeatable): instances=N, the most instances one resource or module call expands to (count, "
            + "for_each; default 10000).")
    List<String> limits = new ArrayList<>();

    @Option(names = "--no-color", description = "No colours (also when NO_COLOR is set).")
    public boolean noColor;

    @Option(names = "--quiet", description = "Only the report: no progress or notes on standard error.")
    public boolean quiet;

    @Option(names = "--verbose", description = "Print stack traces of internal errors.")
    public boolean verbose;

    /** The Ansible options given. */
    public dev.lbguard.source.ansible.AnsibleOptions ansibleOptions() {
        dev.lbguard.source.ansible.AnsibleOptions o = dev.lbguard.source.ansible.AnsibleOptions.defaults()
                .withExtraVars(extraVars);
        if (ansibleGroup != null) {
            o = o.withGroup(ansibleGroup);
        }
        if (playbook != null) {
            o = o.withPlaybook(playbook);
        }
        return o;
    }

    /** The limits given with {@code --limit}, over the defaults; a name or number that is not one is a usage error. */
    public dev.lbguard.source.Limits limits() {
        dev.lbguard.source.Limits l = dev.lbguard.source.Limits.DEFAULT;
        for (String given : limits) {
            try {
                l = l.with(given);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        return l;
    }

    /** Each {@code --var-file} (a Path) and {@code --var} (a String) in command-line order. */
    public List<Object> varArguments() {
        return List.copyOf(varArguments);
    }
}
