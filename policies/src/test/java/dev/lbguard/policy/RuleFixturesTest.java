package dev.lbguard.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.SnapshotOrigin;
import dev.lbguard.model.Target;
import dev.lbguard.model.TargetGroup;
import dev.lbguard.model.TargetStatus;
import dev.lbguard.policy.rules.BuiltInRules;
import dev.lbguard.source.DiskTree;
import dev.lbguard.source.terraform.TerraformSource;
import dev.lbguard.source.terraform.eval.TerraformInputs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the full review on every rule's fixture pairs ({@code rules/<id>/{trigger,clean}/{base,head}}) and
 * checks that the rule's findings are exactly the lines marked {@code # expect: <id>}, as path:line:id.
 */
class RuleFixturesTest {
    private static final Pattern MARKER = Pattern.compile("#\\s*expect:\\s*(LBG\\d{3}(?:\\s*,\\s*LBG\\d{3})*)");

    static Path fixtures() {
        try {
            return Path.of(RuleFixturesTest.class.getResource("/rules").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<Arguments> cases() {
        return BuiltInRules.standard().rules().stream()
                .flatMap(r -> Stream.of(Arguments.of(r.info().id(), "trigger"), Arguments.of(r.info().id(), "clean")));
    }

    /** Reads one side ({@code base} or {@code head}) with paths relative to the pair, e.g. {@code head/main.tf}. */
    static RoutingSnapshot read(Path pair, String side) {
        RoutingSnapshot s = new TerraformSource().read(new DiskTree(pair), List.of(side), TerraformInputs.none(),
                SnapshotOrigin.other(side));
        return withLiveStatus(s, pair.resolve(side).resolve(LIVE_STATUS));
    }

    /**
     * Target status comes only from live sources, which a .tf fixture cannot express. A side may add
     * {@code target-status.txt}: lines {@code <target id> <state> [<weight>]} (state as {@code TargetStatus.State}
     * labels, e.g. {@code draining}) that set the status a live source would report for that target.
     */
    static final String LIVE_STATUS = "target-status.txt";

    private static RoutingSnapshot withLiveStatus(RoutingSnapshot s, Path file) {
        if (!Files.isRegularFile(file)) {
            return s;
        }
        java.util.Map<String, TargetStatus> statuses = new java.util.TreeMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] f = line.strip().split("\\s+");
                if (f.length < 2 || f[0].startsWith("#")) {
                    continue;
                }
                TargetStatus.State state = TargetStatus.State.valueOf(f[1].toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
                statuses.put(f[0], new TargetStatus(state, f.length > 2 ? OptionalInt.of(Integer.parseInt(f[2]))
                        : OptionalInt.empty(), ""));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<TargetGroup> groups = s.targetGroups().stream().map(g -> new TargetGroup(g.id(), g.source(), g.name(),
                g.protocol(), g.port(), g.targetType(), g.healthCheck(), g.targets().stream()
                .map(t -> new Target(t.id(), t.source(), t.targetId(), t.port(),
                        java.util.Optional.ofNullable(statuses.get(t.id().value())).or(t::status)))
                .toList())).toList();
        return new RoutingSnapshot(s.origin(), s.loadBalancers(), groups, s.diagnostics(), s.moves());
    }

    /**
     * The policy files of a pair, {@code base/lbguard.yml} judging and {@code head/lbguard.yml} proposed (none where
     * absent), read with pair-relative paths like the .tf files, on a fixed day so that expiries do not age.
     */
    static dev.lbguard.policy.PolicyContext policies(Path pair) {
        return new dev.lbguard.policy.PolicyContext(policy(pair, "base"), policy(pair, "head"),
                java.time.LocalDate.of(2026, 12, 6));
    }

    private static dev.lbguard.policy.PolicyFile policy(Path pair, String side) {
        Path f = pair.resolve(side).resolve(dev.lbguard.policy.PolicyFile.DEFAULT_PATH);
        if (!Files.isRegularFile(f)) {
            return dev.lbguard.policy.PolicyFile.none();
        }
        try {
            return dev.lbguard.policy.file.PolicyFileReader.read(side + "/" + dev.lbguard.policy.PolicyFile.DEFAULT_PATH,
                    Files.readAllBytes(f));
        } catch (IOException | dev.lbguard.policy.file.PolicyFileException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The standard review, weighed by {@code traffic.jsonl} where the pair has one (LBG018 reads logged traffic). */
    private static Review review(Path pair) {
        Path log = pair.resolve("traffic.jsonl");
        if (!Files.isRegularFile(log)) {
            return BuiltInRules.review();
        }
        try {
            return BuiltInRules.review().weighedBy(dev.lbguard.analysis.TrafficWeighting.of(
                    dev.lbguard.source.traffic.TrafficSources.read(List.of("jsonl:" + log)), false));
        } catch (dev.lbguard.source.SourceException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The {@code path:line:id} markers for rule {@code id} in every .tf file of the pair. */
    static Set<String> markers(Path pair, String id) {
        Set<String> out = new TreeSet<>();
        try (Stream<Path> files = Files.walk(pair)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".tf") || p.toString().endsWith(".yml")).sorted()
                    .toList()) {
                List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher m = MARKER.matcher(lines.get(i));
                    if (m.find()) {
                        for (String marked : m.group(1).split("\\s*,\\s*")) {
                            if (marked.equals(id)) {
                                out.add(pair.relativize(f).toString().replace('\\', '/') + ":" + (i + 1) + ":" + id);
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void findingsEqualMarkers(String id, String kind) {
        Path pair = fixtures().resolve(id).resolve(kind);
        assertThat(pair.resolve("base")).isDirectory();
        assertThat(pair.resolve("head")).isDirectory();
        RoutingSnapshot base = read(pair, "base");
        RoutingSnapshot head = read(pair, "head");
        ReviewResult result;
        try {
            result = review(pair).review(base, head, policies(pair));
        } catch (UnsupportedOperationException e) {
            // The differs are written on other branches; until they are merged the fixtures cannot run.
            assumeTrue(false, "a differ is not implemented yet: " + e.getMessage());
            return;
        }
        Set<String> expected = markers(pair, id);
        if (kind.equals("clean")) {
            assertThat(expected).as("a clean fixture marks nothing").isEmpty();
        } else {
            assertThat(expected).as("a trigger fixture marks at least one line").isNotEmpty();
        }
        Set<String> actual = result.findings().stream().filter(f -> f.ruleId().equals(id))
                .map(f -> f.source().path() + ":" + f.source().line() + ":" + id)
                .collect(Collectors.toCollection(TreeSet::new));
        String context = "findings: " + result.findings().stream().filter(f -> f.ruleId().equals(id))
                .map(f -> f.source() + " " + f.message()).toList()
                + "\nroute changes: " + result.routes().changes().size()
                + "\nresource changes: " + result.resources().changes().stream()
                .map(c -> c.change() + " " + c.id()).toList()
                + "\nbase diagnostics: " + base.diagnostics().stream().map(d -> d.render()).toList()
                + "\nhead diagnostics: " + head.diagnostics().stream().map(d -> d.render()).toList();
        assertThat(actual).as(context).isEqualTo(expected);
    }
}
