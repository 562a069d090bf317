package dev.lbguard.policy.file;

import dev.lbguard.policy.TrafficThresholds;
import dev.lbguard.policy.file.PolicyYaml.Entry;
import dev.lbguard.policy.file.PolicyYaml.Scalar;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code traffic:} section of {@code lbguard.yml}: how logged traffic raises the risk. */
final class TrafficThresholdsReader {
    private static final List<String> TRAFFIC = List.of("medium", "high", "critical", "surge");

    private final StrictNodes nodes;

    TrafficThresholdsReader(StrictNodes nodes) {
        this.nodes = nodes;
    }

    /** {@code traffic: {medium: 1%, high: 10%, critical: 50%, surge: 20x}}, each optional. */
    TrafficThresholds read(Entry entry) {
        TrafficThresholds d = TrafficThresholds.DEFAULT;
        if (entry == null || entry.value() instanceof Scalar s && s.isNull()) {
            return d;
        }
        Optional<Map<String, Entry>> m = nodes.mapping(entry.value(), "traffic", TRAFFIC);
        if (m.isEmpty()) {
            return d;
        }
        double medium = share(m.get().get("medium"), d.medium());
        double high = share(m.get().get("high"), d.high());
        double critical = share(m.get().get("critical"), d.critical());
        double surge = factor(m.get().get("surge"), d.surge());
        if (!(medium <= high && high <= critical)) {
            nodes.problem(entry.value(), "the traffic thresholds must rise: medium " + TrafficThresholds.percent(medium)
                    + " <= high " + TrafficThresholds.percent(high) + " <= critical " + TrafficThresholds.percent(critical)
                    + " (those not written are the defaults 1%, "
                    + "10%, 50%)");
            return d;
        }
        return new TrafficThresholds(medium, high, critical, surge);
    }

    /** A share written as a percentage, {@code 5%} or {@code 0.5%}: a bare number would leave 1 meaning 1% or 100%. */
    private double share(Entry e, double otherwise) {
        if (e == null) {
            return otherwise;
        }
        Optional<String> text = nodes.scalarText(e.value(), e.key());
        if (text.isEmpty()) {
            return otherwise;
        }
        if (text.get().matches("\\d+(\\.\\d+)?\\s*%")) {
            double p = Double.parseDouble(text.get().replace("%", "").strip());
            if (p <= 100) {
                return p / 100;
            }
        }
        nodes.problem(e.value(), e.key() + " is " + e.value().describe() + "; write a percentage of the logged "
                + "requests from 0% to 100%, e.g. '" + e.key() + ": 5%'");
        return otherwise;
    }

    /** A factor written {@code 20x} or {@code 20}, above 1. */
    private double factor(Entry e, double otherwise) {
        if (e == null) {
            return otherwise;
        }
        Optional<String> text = nodes.scalarText(e.value(), e.key());
        if (text.isEmpty()) {
            return otherwise;
        }
        if (text.get().matches("\\d+(\\.\\d+)?\\s*x?")) {
            double f = Double.parseDouble(text.get().replace("x", "").strip());
            if (f > 1) {
                return f;
            }
        }
        nodes.problem(e.value(), "surge is " + e.value().describe() + "; write how many times its logged traffic a "
                + "target group may be sent before that is a finding, above 1, e.g. 'surge: 20x'");
        return otherwise;
    }


}
