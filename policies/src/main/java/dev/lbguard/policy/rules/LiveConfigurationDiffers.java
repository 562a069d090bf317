package dev.lbguard.policy.rules;

import dev.lbguard.diff.AttributeChange;
import dev.lbguard.diff.AttributeValue;
import dev.lbguard.diff.ChangeType;
import dev.lbguard.diff.ResourceChange;
import dev.lbguard.policy.PolicyRule;
import dev.lbguard.policy.ReviewContext;
import dev.lbguard.policy.RuleInfo;
import dev.lbguard.policy.RuleResult;
import dev.lbguard.policy.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * LBG204, low, drift only: an element runs with other settings than git declares. Low on its own, because a
 * change that moves requests is also LBG201; this one makes sure no drift goes unmentioned.
 */
public final class LiveConfigurationDiffers implements PolicyRule {
    private static final RuleInfo INFO = RuleInfo.of("LBG204", Severity.LOW,
            "Live settings differ from git",
            "The element runs with settings that git does not declare; the next terraform apply overwrites them.",
            "Commit the live settings to git if they are wanted, or run terraform apply to restore git's.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public RuleResult evaluate(ReviewContext ctx) {
        RuleResult.Builder out = RuleResult.builder();
        for (ResourceChange c : ctx.resources().changes()) {
            if (c.change() != ChangeType.MODIFIED && c.change() != ChangeType.RENAMED) {
                continue;
            }
            // What git sets but lbguard could not evaluate is not known to differ: the rule says it cannot tell.
            Map<String, String> unread = unread(c);
            Map<String, String> undecided = new TreeMap<>();
            List<String> known = new ArrayList<>();
            for (AttributeChange a : c.attributes()) {
                Optional<String> group = unread.keySet().stream().filter(g -> covers(g, a.path())).findFirst();
                if (group.isPresent()) {
                    undecided.putIfAbsent(group.get(), unread.get(group.get()));
                } else {
                    known.add(a.path());
                }
            }
            if (!undecided.isEmpty()) {
                out.add(INFO.inconclusive("cannot compare " + DriftElements.what(c) + " " + c.id()
                        + " with what runs: git's " + undecided.entrySet().stream()
                        .map(e -> e.getKey() + " (" + e.getValue() + ")").collect(Collectors.joining(", "))
                        + " could not be evaluated"));
            }
            String paths = String.join(", ", known);
            if (paths.isEmpty() && !undecided.isEmpty() && c.change() == ChangeType.MODIFIED) {
                continue;
            }
            out.add(INFO.finding(DriftElements.what(c) + " " + c.id() + " differs live: "
                    + (paths.isEmpty() ? "its identity" : paths), c.id(), c.source()));
        }
        return out.build();
    }

    /**
     * The attributes (or groups of them) that git sets but lbguard could not evaluate, each with why: an unknown
     * value; everything under a path whose {@code .unknown} git sets (a condition or an action it read in part);
     * every health-check setting when whether the check is enabled is unknown (a disabled check's settings are
     * not compared).
     */
    private static Map<String, String> unread(ResourceChange c) {
        Map<String, String> out = new LinkedHashMap<>();
        for (AttributeChange a : c.attributes()) {
            if (a.path().endsWith(".unknown") && a.before() instanceof AttributeValue.Text why) {
                out.put(a.path().substring(0, a.path().length() - ".unknown".length()), why.value());
            } else if (a.before() instanceof AttributeValue.Unknown u) {
                out.put(a.path().equals("healthCheck.enabled") ? "healthCheck" : a.path(), u.reason());
            }
        }
        return out;
    }

    private static boolean covers(String group, String path) {
        return path.equals(group) || path.startsWith(group + ".") || path.startsWith(group + "[");
    }
}
