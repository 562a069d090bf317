package dev.lbguard.cli.command;

import dev.lbguard.cli.UsageException;
import dev.lbguard.source.terraform.TerraformInputs;
import dev.lbguard.source.terraform.TerraformInputs.CommandLineVar;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Turns {@code TF_VAR_*}, {@code --var-file} and {@code --var} into {@link TerraformInputs}, as terraform reads them. */
final class TerraformInputsReader {
    private static final String ENV_PREFIX = "TF_VAR_";

    private TerraformInputsReader() {
    }

    static TerraformInputs read(Map<String, String> environment, List<Object> varArguments) {
        Map<String, String> env = new TreeMap<>();
        environment.forEach((k, v) -> {
            if (k.startsWith(ENV_PREFIX) && k.length() > ENV_PREFIX.length()) {
                env.put(k.substring(ENV_PREFIX.length()), v);
            }
        });
        List<CommandLineVar> vars = new ArrayList<>();
        for (Object a : varArguments) {
            if (a instanceof Path file) {
                vars.add(new CommandLineVar.VarFile(file.toString(), readVarFile(file)));
            } else {
                String s = (String) a;
                int eq = s.indexOf('=');
                if (eq <= 0) {
                    throw new UsageException("--var '" + s + "' must have the form NAME=VALUE");
                }
                vars.add(new CommandLineVar.Var(s.substring(0, eq), s.substring(eq + 1)));
            }
        }
        return new TerraformInputs(env, vars);
    }

    private static String readVarFile(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            String text = new String(bytes, StandardCharsets.UTF_8);
            if (text.indexOf('\0') >= 0) {
                throw new UsageException("--var-file " + file + " is not a text file");
            }
            return text;
        } catch (IOException e) {
            throw new UsageException("cannot read --var-file " + file + ": " + e.getMessage()
                    + " (give the path of an existing .tfvars file)");
        }
    }
}
