package dev.lbguard.policy.rules;

import static dev.lbguard.policy.TestModel.ctx;
import static dev.lbguard.policy.TestModel.fixed;
import static dev.lbguard.policy.TestModel.forward;
import static dev.lbguard.policy.TestModel.lb;
import static dev.lbguard.policy.TestModel.listener;
import static dev.lbguard.policy.TestModel.routeChange;
import static dev.lbguard.policy.TestModel.snapshot;
import static dev.lbguard.policy.TestModel.viaDefault;
import static dev.lbguard.policy.TestModel.viaRule;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.diagnostic.SourceRef;
import dev.lbguard.diff.AttributeChange;
import dev.lbguard.diff.AttributeValue;
import dev.lbguard.diff.ChangeType;
import dev.lbguard.diff.Destination;
import dev.lbguard.diff.ElementKind;
import dev.lbguard.diff.ResourceChange;
import dev.lbguard.diff.RouteDiff;
import dev.lbguard.model.ElementId;
import dev.lbguard.policy.RuleResult;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Drift compares git (base) with what runs (head). What git leaves unknown is not known to differ: the drift rules
 * say they cannot tell, and report only what is known to differ.
 */
class DriftRulesUnknownTest {
    private static final dev.lbguard.model.RoutingSnapshot SNAPSHOT = snapshot(lb("aws_lb.edge", 1, false,
            listener("aws_lb_listener.http", 5, "HTTP", 80, fixed("404"))));

    private static ResourceChange modified(String id, AttributeChange... attributes) {
        return new ResourceChange(ElementKind.RULE, ElementId.of(id), ChangeType.MODIFIED, Optional.empty(), false,
                SourceRef.of("main.tf", 3, 1), List.of(attributes));
    }

    @Test
    void anAttributeGitReadInPartIsInconclusiveWithEverythingUnderIt() {
        var rule = new LiveConfigurationDiffers();
        var partly = modified("aws_lb_listener_rule.api",
                new AttributeChange("conditions[host-header].unknown",
                        AttributeValue.text("variable api_host has no value"), AttributeValue.ABSENT),
                new AttributeChange("conditions[host-header].values", AttributeValue.texts(List.of()),
                        AttributeValue.texts(List.of("api.example.com"))),
                new AttributeChange("priority", new AttributeValue.Number(10), new AttributeValue.Number(20)));
        RuleResult r = rule.evaluate(ctx(SNAPSHOT, SNAPSHOT, List.of(partly), new RouteDiff(List.of(), 0)));
        assertThat(r.findings()).singleElement().satisfies(f -> assertThat(f.message()).endsWith("differs live: priority"));
        assertThat(r.inconclusives()).singleElement().satisfies(i -> assertThat(i.reason())
                .contains("conditions[host-header] (variable api_host has no value)"));
    }

    @Test
    void aHealthCheckWhoseEnablingIsUnknownIsInconclusiveWhole() {
        var rule = new LiveConfigurationDiffers();
        var check = new ResourceChange(ElementKind.TARGET_GROUP, ElementId.of("aws_lb_target_group.web"),
                ChangeType.MODIFIED, Optional.empty(), false, SourceRef.of("main.tf", 9, 1), List.of(
                new AttributeChange("healthCheck.enabled", new AttributeValue.Unknown("variable on has no value"),
                        new AttributeValue.Flag(false)),
                new AttributeChange("healthCheck.path", AttributeValue.text("/health"), AttributeValue.text(""))));
        RuleResult r = rule.evaluate(ctx(SNAPSHOT, SNAPSHOT, List.of(check), new RouteDiff(List.of(), 0)));
        assertThat(r.findings()).isEmpty();
        assertThat(r.inconclusives()).singleElement().satisfies(i -> assertThat(i.reason())
                .contains("healthCheck (variable on has no value)"));
    }

    @Test
    void requestsWhoseDestinationGitLeavesUnknownMayDifferLiveNotDo() {
        var rule = new LiveRoutingDiffers();
        var unknown = new Destination(Optional.of(ElementId.of("aws_lb_listener_rule.api")), Optional.empty(),
                Destination.Kind.UNKNOWN, "condition host-header could not be evaluated");
        var routes = new RouteDiff(List.of(routeChange("aws_lb_listener.http", "/api/*", unknown,
                viaRule("aws_lb_listener_rule.api", forward("green")))), 2);
        RuleResult r = rule.evaluate(ctx(SNAPSHOT, SNAPSHOT, List.of(), routes));
        assertThat(r.findings()).isEmpty();
        assertThat(r.inconclusives()).singleElement().satisfies(i -> assertThat(i.reason()).contains("may differ live"));
        var known = new RouteDiff(List.of(routeChange("aws_lb_listener.http", "/api/*", viaDefault(fixed("404")),
                viaRule("aws_lb_listener_rule.api", forward("green")))), 2);
        assertThat(rule.evaluate(ctx(SNAPSHOT, SNAPSHOT, List.of(), known)).findings()).hasSize(1);
    }
}
