package dev.lbguard.cli.command;

import dev.lbguard.policy.RuleInfo;
import dev.lbguard.policy.rules.BuiltInRules;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code explain ID}: one rule of the catalog in full. */
@Command(name = "explain", mixinStandardHelpOptions = true, description = "Explain one risk rule, e.g. LBG002.")
public final class ExplainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "The rule id, e.g. LBG002.")
    String id;

    @Override
    public Integer call() {
        RuleInfo i = BuiltInRules.drift().rule(id.toUpperCase(Locale.ROOT))
                .orElseThrow(() -> new UsageException("no rule " + id + "; 'lbguard rules' lists them")).info();
        PrintWriter out = spec.commandLine().getOut();
        out.println(i.id() + "  " + i.title() + "  (" + i.severity().label() + ")");
        out.println();
        out.println("Why it matters: " + i.rationale());
        out.println();
        out.println("How to fix it: " + i.remediation());
        out.println();
        out.println("More: " + i.docsLink());
        return 0;
    }
}
