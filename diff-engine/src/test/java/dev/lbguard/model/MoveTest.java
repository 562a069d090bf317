package dev.lbguard.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.diagnostic.SourceRef;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MoveTest {
    private static final SourceRef SRC = SourceRef.of("moved.tf", 1, 1);

    private static ElementId id(String s) {
        return ElementId.of(s);
    }

    @Test
    void aResourceMoveCoversItsInstancesButNotItsNamesakes() {
        Move m = Move.of("aws_lb_target_group.a", "aws_lb_target_group.b", SRC);
        assertThat(m.apply(id("aws_lb_target_group.a"))).contains(id("aws_lb_target_group.b"));
        assertThat(m.apply(id("aws_lb_target_group.a[\"x\"]"))).contains(id("aws_lb_target_group.b[\"x\"]"));
        assertThat(m.apply(id("aws_lb_target_group.a[0]"))).contains(id("aws_lb_target_group.b[0]"));
        assertThat(m.apply(id("aws_lb_target_group.ab"))).isEmpty();
        assertThat(m.apply(id("module.m.aws_lb_target_group.a"))).isEmpty();
    }

    @Test
    void aModuleMoveRewritesThePrefix() {
        Move m = Move.of("module.a", "module.b", SRC);
        assertThat(m.apply(id("module.a.aws_lb.x"))).contains(id("module.b.aws_lb.x"));
        assertThat(m.apply(id("module.a[\"k\"].aws_lb.x"))).contains(id("module.b[\"k\"].aws_lb.x"));
        assertThat(m.apply(id("module.ab.aws_lb.x"))).isEqualTo(Optional.empty());
    }

    @Test
    void movesChainAndCyclesStop() {
        List<Move> chain = List.of(Move.of("aws_lb.b", "aws_lb.c", SRC), Move.of("aws_lb.a", "aws_lb.b", SRC));
        assertThat(Move.follow(chain, id("aws_lb.a"))).isEqualTo(id("aws_lb.c"));
        assertThat(Move.follow(chain, id("aws_lb.z"))).isEqualTo(id("aws_lb.z"));
        List<Move> cycle = List.of(Move.of("aws_lb.a", "aws_lb.b", SRC), Move.of("aws_lb.b", "aws_lb.a", SRC));
        assertThat(Move.follow(cycle, id("aws_lb.a"))).isEqualTo(id("aws_lb.a"));
        List<Move> growing = List.of(Move.of("module.a", "module.a.module.a", SRC));
        assertThat(Move.follow(growing, id("module.a.aws_lb.x"))).isEqualTo(id("module.a.aws_lb.x"));
    }

    @Test
    void snapshotsKeepMovesSortedAndTheFourArgumentFormHasNone() {
        SnapshotOrigin o = SnapshotOrigin.other("t");
        Move b = Move.of("b", "c", SRC);
        Move a = Move.of("a", "b", SRC);
        assertThat(RoutingSnapshot.of(o, List.of(), List.of(), List.of(), List.of(b, a, b)).moves()).containsExactly(a, b);
        assertThat(RoutingSnapshot.of(o, List.of(), List.of(), List.of()).moves()).isEmpty();
        assertThat(new RoutingSnapshot(o, List.of(), List.of(), List.of()).moves()).isEmpty();
    }
}
