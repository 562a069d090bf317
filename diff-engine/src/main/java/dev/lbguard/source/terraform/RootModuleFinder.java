package dev.lbguard.source.terraform;

import dev.lbguard.source.SourceTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the Terraform root modules of a tree that define load balancers: directories of {@code .tf} files that
 * hold a load-balancer resource themselves or through local modules they call, and that no other module calls.
 * A cheap textual scan: the evaluator reads each root module properly afterwards.
 */
public final class RootModuleFinder {
    private static final Pattern LB_RESOURCE = Pattern.compile("resource\\s+\"aws_(lb|alb)(_[a-z_]+)?\"");
    private static final Pattern LOCAL_SOURCE = Pattern.compile("source\\s*=\\s*\"(\\.{1,2}/[^\"]*)\"");

    private RootModuleFinder() {
    }

    public static List<String> find(SourceTree tree) {
        Map<String, Set<String>> calls = new HashMap<>();
        Set<String> withLb = new HashSet<>();
        Set<String> modules = new TreeSet<>();
        scan(tree, "", modules, calls, withLb);
        Set<String> called = new HashSet<>();
        calls.values().forEach(called::addAll);
        List<String> roots = new ArrayList<>();
        for (String dir : modules) {
            if (!called.contains(dir) && reachesLoadBalancer(dir, calls, withLb, new HashSet<>())) {
                roots.add(dir);
            }
        }
        return roots;
    }

    private static boolean reachesLoadBalancer(String dir, Map<String, Set<String>> calls, Set<String> withLb,
                                               Set<String> seen) {
        if (!seen.add(dir)) {
            return false;
        }
        if (withLb.contains(dir)) {
            return true;
        }
        for (String child : calls.getOrDefault(dir, Set.of())) {
            if (reachesLoadBalancer(child, calls, withLb, seen)) {
                return true;
            }
        }
        return false;
    }

    private static void scan(SourceTree tree, String dir, Set<String> modules, Map<String, Set<String>> calls,
                             Set<String> withLb) {
        for (String name : tree.files(dir)) {
            if (!name.endsWith(".tf")) {
                continue;
            }
            modules.add(dir);
            String text;
            try {
                text = new String(tree.read(SourceTree.join(dir, name)), StandardCharsets.UTF_8);
            } catch (IOException e) {
                continue; // the evaluator reports unreadable files with their path
            }
            if (LB_RESOURCE.matcher(text).find()) {
                withLb.add(dir);
            }
            Matcher m = LOCAL_SOURCE.matcher(text);
            while (m.find()) {
                calls.computeIfAbsent(dir, d -> new TreeSet<>()).add(resolve(dir, m.group(1)));
            }
        }
        for (String sub : tree.directories(dir)) {
            // Hidden directories hold tool state (.git, .terraform), never configuration of the repository.
            if (!sub.startsWith(".")) {
                scan(tree, SourceTree.join(dir, sub), modules, calls, withLb);
            }
        }
    }

    private static String resolve(String dir, String relative) {
        String joined = Path.of(dir.isEmpty() ? "." : dir).resolve(relative).normalize().toString().replace('\\', '/');
        return joined.equals(".") || joined.isEmpty() ? "" : joined;
    }
}
