package dev.lbguard.source.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.source.git.GitTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.internal.storage.dfs.DfsRepositoryDescription;
import org.eclipse.jgit.internal.storage.dfs.InMemoryRepository;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.junit.jupiter.api.Test;

/** Root modules found in git trees, and the layout a commit derives from its parent's. */
class RootModuleFinderTest {
    private static final List<String> DIRS = List.of("", "infra/a", "infra/b", "infra/b/sub", "modules/lb",
            "modules/net", ".terraform/modules/lb", "app");
    private static final List<String> NAMES = List.of("main.tf", "lb.tf", "cdk.tf.json", "notes.txt");
    private static final List<String> CONTENTS = List.of(
            "resource \"aws_lb\" \"x\" {}\n",
            "resource \"aws_lb_listener_rule\" \"r\" {}\n",
            "module \"lb\" {\n  source = \"../../modules/lb\"\n}\n",
            "module \"sub\" {\n  source = \"./sub\"\n}\n",
            "module \"net\" {\n  source = \"../modules/net\"\n}\n",
            "variable \"v\" {}\n",
            "module \"alb\" {\n  source = \"terraform-aws-modules/alb/aws\"\n}\n",
            "{\"resource\": {\"aws_lb_listener\": {\"l\": {}}}}\n");

    private final InMemoryRepository repo = new InMemoryRepository(new DfsRepositoryDescription("finder"));

    @Test
    void rootsAreTheUncalledModulesThatReachALoadBalancer() throws IOException {
        Map<String, String> files = Map.of(
                "infra/a/main.tf", CONTENTS.get(2),
                "infra/b/main.tf", CONTENTS.get(5),
                "modules/lb/main.tf", CONTENTS.get(0),
                ".terraform/modules/lb/main.tf", CONTENTS.get(0),
                "app/lb.tf.txt", CONTENTS.get(0));
        RootModuleFinder.Layout layout = new RootModuleFinder().layout(tree(files));
        assertThat(layout.roots()).containsExactly("infra/a");
        assertThat(layout.moduleDirs()).containsExactly(Map.entry("infra/a", List.of("infra/a", "modules/lb")));
        assertThat(layout.files()).containsOnlyKeys("infra/a/main.tf", "infra/b/main.tf", "modules/lb/main.tf");
    }

    @Test
    void whatTheScanCannotSeeIntoMayDefineLoadBalancersSoItsDirectoryIsARoot() throws IOException {
        Map<String, String> files = Map.ofEntries(
                Map.entry("registry/main.tf", "module \"alb\" {\n  source  = \"terraform-aws-modules/alb/aws\"\n}\n"),
                Map.entry("computed/main.tf", "module \"lb\" {\n  source = \"${path.module}/lb\"\n}\n"),
                Map.entry("cdktf/cdk.tf.json", "{\"resource\": {\"aws_lb\": {\"edge\": {\"name\": \"edge\"}}}}"),
                Map.entry("cdktf-modules/cdk.tf.json", "{\"module\": {\"alb\": {\"source\": \"terraform-aws-modules/alb/aws\"}}}"),
                // JSON that does not parse is read by the evaluator, which says so, if it names a load balancer.
                Map.entry("broken-json/cdk.tf.json", "{\"resource\": {\"aws_lb_listener\": {\"l\": {,}}}}"),
                Map.entry("json-other/cdk.tf.json", "{\"resource\": {\"aws_s3_bucket\": {\"b\": {}}}}"),
                Map.entry("providers/main.tf", "terraform {\n  required_providers {\n    aws = { source = \"hashicorp/aws\" }\n  }\n}\n"),
                Map.entry("local/main.tf", CONTENTS.get(4)),
                Map.entry("modules/net/main.tf", CONTENTS.get(5)),
                // Another resource's source is no module call: the registry module still counts.
                Map.entry("site/main.tf", "module \"alb\" {\n  source = \"terraform-aws-modules/alb/aws\"\n}\n"
                        + "resource \"aws_s3_object\" \"index\" {\n  source = \"./dist/index.html\"\n}\n"),
                // A label without quotes, and a source after a nested object: a local call, no root.
                Map.entry("bare/main.tf", "module net {\n  providers = { aws = aws.eu }\n  source = \"../modules/net\"\n}\n"),
                Map.entry("classic/elb.tf.json", "{\"resource\": {\"aws_elb\": {\"legacy\": {}}}}"),
                // HCL saved as .tf.json (seen in public repositories): broken, and reported, not skipped.
                Map.entry("hcl-as-json/main.tf.json", "resource \"aws_lb\" \"edge\" {\n  name = \"edge\"\n}\n"),
                Map.entry("bare-labels/main.tf", "resource aws_lb edge {\n  name = \"edge\"\n}\n"));
        RootModuleFinder.Layout layout = new RootModuleFinder().layout(tree(files));
        assertThat(layout.roots()).containsExactly("bare-labels", "broken-json", "cdktf", "cdktf-modules", "classic",
                "computed", "hcl-as-json", "registry", "site");
    }

    @Test
    void aLocalCallToADirectoryTheScanDoesNotReadMakesItsCallerARoot() throws IOException {
        // Seen in public repositories: a module outside the repository, in a hidden directory, or not committed.
        // Its caller is read, and the evaluator says what it could not read; it was left out without a word.
        Map<String, String> files = Map.ofEntries(
                Map.entry("envs/prod/main.tf", "module \"alb\" {\n  source = \"../../../shared-modules/alb\"\n}\n"),
                Map.entry("envs/hidden/main.tf", "module \"alb\" {\n  source = \"../../.infra/alb\"\n}\n"),
                Map.entry(".infra/alb/main.tf", CONTENTS.get(0)),
                Map.entry("envs/missing/main.tf", "module \"alb\" {\n  source = \"../../modules/gone\"\n}\n"),
                Map.entry("envs/net/main.tf", "module \"net\" {\n  source = \"../../modules/net\"\n}\n"),
                Map.entry("modules/net/main.tf", CONTENTS.get(5)));
        RootModuleFinder.Layout layout = new RootModuleFinder().layout(tree(files));
        assertThat(layout.roots()).containsExactly("envs/hidden", "envs/missing", "envs/prod");
    }

    @Test
    void aJsonRootCallingALocalModuleIsLinkedToIt() throws IOException {
        Map<String, String> files = Map.of(
                "stacks/edge/cdk.tf.json", """
                        {"//": "synthesised", "module": {"lb": {"//": "a comment", "source": "../../modules/lb"},
                                                        "net": [{"source": "./net"}]}}
                        """,
                "stacks/edge/net/main.tf.json", "{\"variable\": {\"cidr\": {\"type\": \"string\"}}}",
                "modules/lb/main.tf.json", "{\"resource\": {\"aws_lb_listener_rule\": {\"r\": {\"priority\": 1}}}}",
                "other/cdk.tf.json", "{\"resource\": {\"aws_s3_bucket\": {\"aws_lb\": {}}}}");
        RootModuleFinder.Layout layout = new RootModuleFinder().layout(tree(files));
        assertThat(layout.roots()).containsExactly("stacks/edge");
        assertThat(layout.moduleDirs()).containsExactly(Map.entry("stacks/edge",
                List.of("modules/lb", "stacks/edge", "stacks/edge/net")));
    }

    @Test
    void aDirectoryCalledAsALocalModuleIsReadThroughItsCallerNotAsARootOfItsOwn() throws IOException {
        String lb = CONTENTS.get(0);
        Map<String, String> files = Map.of(
                "main.tf", "provider \"aws\" {\n  region = \"eu-west-1\"\n}\nmodule \"web\" {\n"
                        + "  source = \"./modules/ec2/web\"\n}\n",
                // A map with a key named source comes before the call's own source (seen in public repositories).
                "modules/ec2/web/main.tf", "module \"common\" {\n  tags = {\n    source = \"terraform\"\n  }\n"
                        + "  source = \"../common\"\n}\n",
                "modules/ec2/common/main.tf", lb,
                // A byte order mark, which Terraform and lbguard's evaluator skip.
                "envs/prod/main.tf", "\uFEFFmodule \"common\" {\n  source = \"../../modules/ec2/common\"\n}\n",
                // A provider block of its own (older modules have one) does not make a called module a root.
                "modules/legacy/main.tf", "provider \"aws\" {\n  region = var.region\n}\n" + lb,
                "envs/dev/main.tf", "module \"legacy\" {\n  source = \"../../modules/legacy\"\n}\n");
        RootModuleFinder.Layout layout = new RootModuleFinder().layout(tree(files));
        assertThat(layout.roots()).containsExactly("", "envs/dev", "envs/prod");
        assertThat(layout.moduleDirs()).containsEntry("", List.of("", "modules/ec2/common", "modules/ec2/web"))
                .containsEntry("envs/prod", List.of("envs/prod", "modules/ec2/common"))
                .containsEntry("envs/dev", List.of("envs/dev", "modules/legacy"));
    }

    @Test
    void aDirectoryCalledByABareRelativeSourceIsItsCallersModuleNotARoot() throws IOException {
        // Terraform 0.11 read "modules/lb" as ./modules/lb; the evaluator reports the call, the finder links it.
        Map<String, String> files = Map.of(
                "main.tf", "module \"lb\" {\n  source = \"modules/lb\"\n}\n",
                "modules/lb/main.tf", CONTENTS.get(0),
                "infra/a/main.tf", "module \"alb\" {\n  source = \"terraform-aws-modules/alb/aws\"\n}\n");
        RootModuleFinder.Layout layout = new RootModuleFinder().layout(tree(files));
        assertThat(layout.roots()).containsExactly("", "infra/a");
        assertThat(layout.moduleDirs()).containsEntry("", List.of("", "modules/lb"));
    }

    @Test
    void aCalledModuleWithABackendIsAlsoARootAndNoLoadBalancerIsLeftUnread() throws IOException {
        String lb = CONTENTS.get(0);
        Map<String, String> files = Map.of(
                // Applied on its own (its own state) and called by another root: two deployments, both read.
                "stacks/alb/main.tf", "terraform {\n  backend \"s3\" {}\n}\n" + lb,
                "envs/prod/main.tf", "module \"alb\" {\n  source = \"../../stacks/alb\"\n}\n",
                // A call in a comment calls nothing: the module it names is read as the root it is.
                "legacy/main.tf", "/*\nmodule \"old\" {\n  source = \"../modules/old\"\n}\n*/\n"
                        + "# module \"old\" {\n#   source = \"../modules/old\"\n# }\n",
                "modules/old/main.tf", lb,
                // Modules that call each other have no uncalled caller: the one with the load balancer is read.
                "loop/a/main.tf", "module \"b\" {\n  source = \"../b\"\n}\n",
                "loop/b/main.tf", "module \"a\" {\n  source = \"../a\"\n}\n" + lb);
        RootModuleFinder.Layout layout = new RootModuleFinder().layout(tree(files));
        assertThat(layout.roots()).containsExactly("envs/prod", "loop/b", "modules/old", "stacks/alb");
        assertThat(layout.moduleDirs()).containsEntry("envs/prod", List.of("envs/prod", "stacks/alb"))
                .containsEntry("stacks/alb", List.of("stacks/alb"))
                .containsEntry("loop/b", List.of("loop/a", "loop/b"));
    }

    @Property(tries = 200)
    void aLayoutDerivedFromTheParentsIsTheLayoutOfTheWholeTree(@ForAll("trees") Map<String, String> before,
                                                              @ForAll("edits") List<Map.Entry<String, String>> edits)
            throws IOException {
        RootModuleFinder finder = new RootModuleFinder();
        RootModuleFinder.Layout layout = finder.layout(tree(before));
        Map<String, String> files = new TreeMap<>(before);
        for (Map.Entry<String, String> edit : edits) {
            Map<String, String> next = new TreeMap<>(files);
            if (edit.getValue().isEmpty()) {
                next.remove(edit.getKey());
            } else {
                next.put(edit.getKey(), edit.getValue());
            }
            GitTree tree = tree(next);
            layout = finder.layout(tree, layout, changed(files, next));
            assertThat(layout).isEqualTo(new RootModuleFinder().layout(tree));
            files = next;
        }
    }

    @Provide
    Arbitrary<Map<String, String>> trees() {
        return Arbitraries.maps(paths(), Arbitraries.of(CONTENTS)).ofMaxSize(12);
    }

    @Provide
    Arbitrary<List<Map.Entry<String, String>>> edits() {
        Arbitrary<String> content = Arbitraries.of(CONTENTS).injectNull(0.3).map(c -> c == null ? "" : c);
        return Combinators.combine(paths(), content).as(Map::entry).list().ofMaxSize(8);
    }

    private static Arbitrary<String> paths() {
        return Combinators.combine(Arbitraries.of(DIRS), Arbitraries.of(NAMES))
                .as((d, n) -> d.isEmpty() ? n : d + "/" + n);
    }

    /** The paths whose content differs, as git's tree diff names them. */
    private static List<String> changed(Map<String, String> a, Map<String, String> b) {
        TreeSet<String> all = new TreeSet<>(a.keySet());
        all.addAll(b.keySet());
        List<String> out = new ArrayList<>();
        for (String p : all) {
            if (!Objects.equals(a.get(p), b.get(p))) {
                out.add(p);
            }
        }
        return out;
    }

    private GitTree tree(Map<String, String> files) throws IOException {
        try (ObjectInserter ins = repo.newObjectInserter()) {
            DirCache dc = DirCache.newInCore();
            DirCacheBuilder b = dc.builder();
            for (Map.Entry<String, String> f : new TreeMap<>(files).entrySet()) {
                DirCacheEntry e = new DirCacheEntry(f.getKey());
                e.setFileMode(FileMode.REGULAR_FILE);
                e.setObjectId(ins.insert(Constants.OBJ_BLOB, f.getValue().getBytes(StandardCharsets.UTF_8)));
                b.add(e);
            }
            b.finish();
            ObjectId id = dc.writeTree(ins);
            ins.flush();
            return GitTree.of(repo, id, "test");
        }
    }
}
