package dev.lbguard.policy;

import static dev.lbguard.policy.TestModel.at;
import static dev.lbguard.policy.TestModel.fixed;
import static dev.lbguard.policy.TestModel.forward;
import static dev.lbguard.policy.TestModel.id;
import static dev.lbguard.policy.TestModel.routeChange;
import static dev.lbguard.policy.TestModel.viaDefault;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.diff.RouteChange;
import dev.lbguard.diff.RouteDiff;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RiskScoringTest {
    private final RiskScoring scoring = RiskScoring.DEFAULT;

    private static Finding finding(Severity s) {
        return new Finding("LBG999", s, "t", "m", id("x"), at(1), "r");
    }

    private static RouteDiff moved(int moved, int compared) {
        List<RouteChange> changes = new ArrayList<>();
        for (int i = 0; i < moved; i++) {
            changes.add(routeChange("l", "/p" + i, viaDefault(forward("a")), viaDefault(fixed("404"))));
        }
        return new RouteDiff(changes, compared);
    }

    @Test
    void noFindingsAndNoRouteChangesIsNone() {
        assertThat(scoring.score(List.of(), moved(0, 10))).isEqualTo(Risk.NONE);
    }

    @Test
    void aRouteChangeWithoutFindingsIsAtLeastLow() {
        assertThat(scoring.score(List.of(), moved(1, 10))).isEqualTo(Risk.LOW);
    }

    @Test
    void theWorstFindingSetsTheRisk() {
        assertThat(scoring.score(List.of(finding(Severity.LOW), finding(Severity.HIGH), finding(Severity.MEDIUM)),
                moved(0, 10))).isEqualTo(Risk.HIGH);
    }

    @Test
    void anInfoFindingAloneIsLow() {
        assertThat(scoring.score(List.of(finding(Severity.INFO)), moved(0, 0))).isEqualTo(Risk.LOW);
    }

    @Test
    void halfTheRequestClassesMovedRaisesOneLevel() {
        assertThat(scoring.score(List.of(finding(Severity.MEDIUM)), moved(5, 10))).isEqualTo(Risk.HIGH);
        assertThat(scoring.score(List.of(finding(Severity.MEDIUM)), moved(4, 10))).isEqualTo(Risk.MEDIUM);
        assertThat(scoring.score(List.of(), moved(2, 2))).isEqualTo(Risk.MEDIUM);
    }

    @Test
    void manyMovedClassesRaiseEvenInALargeConfiguration() {
        assertThat(scoring.score(List.of(finding(Severity.LOW)), moved(21, 1000))).isEqualTo(Risk.MEDIUM);
        assertThat(scoring.score(List.of(finding(Severity.LOW)), moved(20, 1000))).isEqualTo(Risk.LOW);
    }

    @Test
    void criticalStaysCritical() {
        assertThat(scoring.score(List.of(finding(Severity.CRITICAL)), moved(10, 10))).isEqualTo(Risk.CRITICAL);
    }
}
