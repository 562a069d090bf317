package dev.lbguard.cli.command;

import dev.lbguard.policy.PolicyRule;
import dev.lbguard.policy.RuleInfo;
import dev.lbguard.policy.rules.BuiltInRules;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code rules}: the risk catalog, one line per rule. */
@Command(name = "rules", mixinStandardHelpOptions = true, description = "List the risk rules lbguard checks.")
public final class RulesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        for (PolicyRule rule : BuiltInRules.drift().rules()) {
            RuleInfo i = rule.info();
            out.printf("%s  %-8s  %s%n", i.id(), i.severity().label(), i.title());
        }
        out.println();
        out.println("LBG2nn rules apply to drift and audit only, where one side is live.");
        out.println("'lbguard explain ID' tells what a rule detects, why it matters and how to fix it.");
        return 0;
    }
}
