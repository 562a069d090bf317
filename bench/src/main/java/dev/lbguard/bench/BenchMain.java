package dev.lbguard.bench;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the parser benchmark and prints throughput, the ratio to the JSON baseline of the same run, and how
 * time grows with size (linear means the 2 MB file takes about 4 times the 0.5 MB one).
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        Options opts = new OptionsBuilder().include(HclParserBenchmark.class.getSimpleName()).build();
        Collection<RunResult> results = new Runner(opts).run();
        Map<Integer, double[]> byKib = new TreeMap<>();
        for (RunResult r : results) {
            int kib = Integer.parseInt(r.getParams().getParam("kib"));
            double ms = r.getPrimaryResult().getScore();
            boolean baseline = r.getParams().getBenchmark().endsWith("jsonBaseline");
            byKib.computeIfAbsent(kib, k -> new double[2])[baseline ? 1 : 0] = ms;
        }
        System.out.println();
        System.out.println("size     hcl ms   hcl MB/s   json ms   hcl/json   hcl ms per MB (vs 0.5 MB)");
        double firstPerMb = 0;
        for (Map.Entry<Integer, double[]> e : byKib.entrySet()) {
            int kib = e.getKey();
            int rules = RuleFileGenerator.rulesForSize(kib * 1024);
            double mb = RuleFileGenerator.hcl(rules).length() / 1_000_000.0;
            double hclMs = e.getValue()[0];
            double jsonMs = e.getValue()[1];
            double perMb = hclMs / mb;
            if (firstPerMb == 0) {
                firstPerMb = perMb;
            }
            System.out.printf(Locale.ROOT, "%4.2f MB %8.2f %10.1f %9.2f %10.2f %10.2f (%.2fx)%n",
                    mb, hclMs, mb / (hclMs / 1000), jsonMs, hclMs / jsonMs, perMb, perMb / firstPerMb);
        }
    }
}
