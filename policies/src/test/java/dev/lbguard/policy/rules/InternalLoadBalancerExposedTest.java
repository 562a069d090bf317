package dev.lbguard.policy.rules;

import static dev.lbguard.policy.TestModel.ctx;
import static dev.lbguard.policy.TestModel.fixed;
import static dev.lbguard.policy.TestModel.lb;
import static dev.lbguard.policy.TestModel.listener;
import static dev.lbguard.policy.TestModel.renamed;
import static dev.lbguard.policy.TestModel.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.diff.ElementKind;
import dev.lbguard.diff.RouteDiff;
import dev.lbguard.policy.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

class InternalLoadBalancerExposedTest {
    private final InternalLoadBalancerExposed rule = new InternalLoadBalancerExposed();

    @Test
    void internalMadeInternetFacingIsCritical() {
        var base = snapshot(lb("aws_lb.edge", 1, true, listener("aws_lb_listener.http", 10, "HTTP", 80, fixed("404"))));
        var head = snapshot(lb("aws_lb.edge", 2, false, listener("aws_lb_listener.http", 10, "HTTP", 80, fixed("404"))));
        List<Finding> f = rule.evaluate(ctx(base, head)).findings();
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.ruleId()).isEqualTo("LBG001");
            assertThat(x.source().line()).isEqualTo(2);
            assertThat(x.message()).contains("HTTP:80");
        });
    }

    @Test
    void followsARename() {
        var base = snapshot(lb("aws_lb.old", 1, true));
        var head = snapshot(lb("aws_lb.new", 3, false));
        var c = ctx(base, head, List.of(renamed(ElementKind.LOAD_BALANCER, "aws_lb.old", "aws_lb.new", true, 3)),
                new RouteDiff(List.of(), 0));
        assertThat(rule.evaluate(c).findings()).extracting(f -> f.element().value()).containsExactly("aws_lb.new");
    }

    @Test
    void staysQuietOtherwise() {
        assertThat(rule.evaluate(ctx(snapshot(lb("aws_lb.a", 1, false)), snapshot(lb("aws_lb.a", 1, true))))
                .findings()).isEmpty();
        assertThat(rule.evaluate(ctx(snapshot(lb("aws_lb.a", 1, false)), snapshot(lb("aws_lb.a", 1, false))))
                .findings()).isEmpty();
        // A new internet-facing load balancer is not a change of exposure.
        assertThat(rule.evaluate(ctx(snapshot(List.of(), List.of()), snapshot(lb("aws_lb.a", 1, false))))
                .findings()).isEmpty();
    }
}
