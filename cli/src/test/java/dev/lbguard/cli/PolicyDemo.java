package dev.lbguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lbguard.cli.demo.BundledDemo;
import java.nio.file.Path;

/**
 * The demo repository with a policy file committed on top, and a live state in which the api's stable target group
 * takes no traffic: for drift and audit judging invariants on what runs.
 */
final class PolicyDemo {
    /**
     * Two invariants on the api: the first holds in git (90/10 between shop-api and its canary) and fails on the
     * state {@link #stableApiDrained} writes; the second already fails in git (the canary takes 10%).
     */
    static final String POLICY = """
            version: 1
            fail_on: critical
            invariants:
              - name: api reaches the stable api
                listener: shop-edge-prod:443
                request: {host: api.shop.example.com, path: /v1/orders}
                expect: {forward: shop-api}
                severity: critical
              - name: api never reaches the canary
                listener: shop-edge-prod:443
                request: {host: api.shop.example.com, path: /v1/orders}
                expect: {not_forward: shop-api-canary}
            """;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PolicyDemo() {
    }

    /** The demo's history at {@code dir}, then one commit per policy file given, each replacing lbguard.yml. */
    static Path build(Path dir, String... policies) throws Exception {
        BundledDemo.buildInto(dir);
        try (TestHistory h = TestHistory.init(dir)) {
            for (int i = 0; i < policies.length; i++) {
                h.write("lbguard.yml", policies[i]);
                h.commit(TestHistory.who("Pat Policy", "2026-11-24T17:0" + i + ":00Z"), "policy: version " + (i + 1));
            }
        }
        return dir;
    }

    /**
     * The demo's live state after someone sent all api traffic to the canary in the console (shop-api weight 0,
     * shop-api-canary 100), written to {@code target}.
     */
    static Path stableApiDrained(Path target) throws Exception {
        BundledDemo.writeLiveState(target);
        ObjectNode state = (ObjectNode) MAPPER.readTree(target.toFile());
        for (JsonNode r : state.get("resources")) {
            if (r.get("type").asText().equals("aws_lb_listener_rule") && r.get("name").asText().equals("api")) {
                for (JsonNode g : r.get("instances").get(0).get("attributes").get("action").get(0).get("forward").get(0)
                        .get("target_group")) {
                    ((ObjectNode) g).put("weight", g.get("arn").asText().contains("/shop-api-canary/") ? 100 : 0);
                }
            }
        }
        MAPPER.writerWithDefaultPrettyPrinter().writeValue(target.toFile(), state);
        return target;
    }
}
