package dev.lbguard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lbguard.source.hcl.HclFile;
import dev.lbguard.source.hcl.HclParser;
import dev.lbguard.source.hcl.HclSyntaxException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Parses generated Terraform of 0.5, 1 and 2 MB with lbguard's HCL parser, and the same rules in Terraform's
 * JSON syntax with Jackson as the baseline measured in the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+UseParallelGC"})
public class HclParserBenchmark {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Target file size in KiB. */
    @Param({"512", "1024", "2048"})
    public int kib;

    String hcl;
    String json;

    @Setup
    public void generate() {
        int rules = RuleFileGenerator.rulesForSize(kib * 1024);
        hcl = RuleFileGenerator.hcl(rules);
        json = RuleFileGenerator.json(rules);
    }

    @Benchmark
    public HclFile hclParse() throws HclSyntaxException {
        return HclParser.parse("bench.tf", hcl);
    }

    @Benchmark
    public JsonNode jsonBaseline() throws Exception {
        return MAPPER.readTree(json);
    }
}
