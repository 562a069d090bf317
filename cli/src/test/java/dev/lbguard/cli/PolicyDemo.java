package dev.lbguard.cli;

import dev.lbguard.cli.demo.BundledDemo;
import java.nio.file.Path;

/**
 * The demo repository with a policy file committed on top, for drift and audit judging invariants on what runs: the
 * demo's live state has the api canary at 50% where git has it at 10%.
 */
final class PolicyDemo {
    /**
     * Two invariants on the api: the first pins git's 90/10 split and so holds in git and fails on the demo's live
     * state (50/50); the second already fails in git (the canary takes 10%).
     */
    static final String POLICY = """
            version: 1
            fail_on: critical
            invariants:
              - name: api canary stays at 10%
                listener: shop-edge-prod:443
                request: {host: api.shop.example.com, path: /v1/orders}
                expect: {forward: {shop-api: 90, shop-api-canary: 10}}
                severity: critical
              - name: api never reaches the canary
                listener: shop-edge-prod:443
                request: {host: api.shop.example.com, path: /v1/orders}
                expect: {not_forward: shop-api-canary}
            """;

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
}
