package dev.lbguard.cli.report;

import dev.lbguard.diff.Destination;
import dev.lbguard.policy.ReviewResult;

/** The one-sentence verdict every review format opens with. */
public final class Verdict {
    private Verdict() {
    }

    public static String sentence(ReviewResult r) {
        // A live head makes the comparison a drift report: git is what should run, the head what does.
        boolean drift = r.head().origin().isWhatRuns();
        int moved = r.routes().changes().size();
        int findings = r.countingFindings().size();
        int waived = r.findings().size() - findings;
        int resources = r.resources().changes().size();
        StringBuilder s = new StringBuilder();
        if (!r.complete()) {
            boolean read = r.diagnostics().stream().noneMatch(dev.lbguard.diagnostic.Diagnostic::isError);
            s.append(read ? "Analysis INCOMPLETE: everything was read, but some checks could not decide (inconclusive "
                    + "below). " : "Analysis INCOMPLETE: lbguard could not read everything that may affect routing, "
                    + "so it cannot promise the changes below are all. ");
        }
        if (moved == 0) {
            if (drift) {
                s.append(resources == 0 ? "No drift: the live load balancers match git."
                        : "Drift, but no request reaches a different destination live than in git ("
                        + plural(resources, "resource difference") + ").");
            } else {
                // Incomplete, nothing found is not "no change" (seen: a base whose module could not be read).
                s.append(resources == 0 ? (r.complete() ? "No load-balancer change."
                        : "No load-balancer change found in what could be read.")
                        : "No request reaches a different destination (" + plural(resources, "resource change")
                        + ", routing unchanged).");
            }
        } else {
            // A class whose destination is unknown on a side may move; the sentence does not say it does.
            // Served somewhere unknown and refused now (or the reverse) has surely moved.
            int undecided = (int) r.routes().changes().stream()
                    .filter(c -> c.undecided() && c.before().kind() != Destination.Kind.NO_LISTENER
                            && c.after().kind() != Destination.Kind.NO_LISTENER).count();
            int sure = moved - undecided;
            String where = drift ? " a different destination live than in git" : " a different destination";
            if (sure > 0) {
                s.append(sure).append(sure == 1 ? " request class reaches" : " request classes reach").append(where);
                if (undecided > 0) {
                    s.append(" and ").append(undecided).append(" more may (undecided)");
                }
            } else {
                s.append(undecided).append(undecided == 1 ? " request class may reach" : " request classes may reach")
                        .append(where).append(" (undecided)");
            }
            s.append(findings == 0 ? "." : "; " + plural(findings, "finding") + ".");
        }
        if (moved == 0 && findings > 0) {
            s.append(' ').append(plural(findings, "finding")).append('.');
        }
        if (waived > 0) {
            s.append(' ').append(waived).append(" waived by the policy file.");
        }
        return s.toString();
    }

    static String plural(int n, String noun) {
        if (n == 1) {
            return "1 " + noun;
        }
        return n + " " + (noun.endsWith("s") ? noun + "es" : noun + "s");
    }
}
