package dev.lbguard.source.terraform.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.diagnostic.SourceRef;
import dev.lbguard.source.resources.ResourceInstance;
import dev.lbguard.source.value.Value;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class ResourceOrderProperties {
    /**
     * Whatever lists come one after another (the same addresses in the same order, shuffled, with duplicates, of
     * another length), each comes out as a stable sort by address gives it: the instances themselves, in that order.
     */
    @Property(tries = 300)
    void eachListComesOutAsAStableSortGivesIt(@ForAll("evaluations") List<List<String>> evaluations) {
        ResourceOrder order = new ResourceOrder();
        for (List<String> addresses : evaluations) {
            List<ResourceInstance> resources = new ArrayList<>();
            for (int i = 0; i < addresses.size(); i++) {
                // Equal addresses as distinct strings: a value evaluated again spells its address afresh.
                resources.add(instance(new String(addresses.get(i)), i));
            }
            List<ResourceInstance> expected = resources.stream()
                    .sorted(Comparator.comparing(ResourceInstance::address)).toList();
            assertThat(order.sorted(resources)).containsExactlyElementsOf(expected);
        }
    }

    @Provide
    Arbitrary<List<List<String>>> evaluations() {
        Arbitrary<List<String>> addresses = Arbitraries.of("aws_lb.a", "aws_lb.b", "aws_lb_listener.a",
                "aws_lb_listener_rule.r1", "aws_lb_listener_rule.r2", "module.m.aws_lb.a").list().ofMaxSize(8);
        // A list is often followed by itself: the case the kept order serves.
        return addresses.list().ofMinSize(1).ofMaxSize(5).map(lists -> {
            List<List<String>> out = new ArrayList<>();
            for (List<String> l : lists) {
                out.add(l);
                out.add(l);
            }
            return out;
        });
    }

    private static ResourceInstance instance(String address, int line) {
        String type = address.substring(address.lastIndexOf('.', address.lastIndexOf('.') - 1) + 1,
                address.lastIndexOf('.'));
        return new ResourceInstance(address, "", type, "n", Value.Values.NULL, SourceRef.of("main.tf", line + 1, 1),
                Value.Obj.object(Map.of()), Map.of());
    }
}
