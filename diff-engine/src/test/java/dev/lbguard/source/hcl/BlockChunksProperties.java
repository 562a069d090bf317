package dev.lbguard.source.hcl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * A file parsed piece by piece ({@link BlockChunks}) is the file parsed whole: the same syntax trees at the same
 * positions, or the same syntax error. Over every Terraform file of the fixtures, and over edits of them that put
 * lone closing braces where they close nothing at the top level (in heredocs, comments, nested blocks and objects,
 * strings), add and drop blocks and lines; again with the pieces of the file before the edit taken over.
 */
class BlockChunksProperties {
    private static final Path FIXTURES = Path.of(System.getProperty("lbguard.fixtures", "../fixtures"))
            .toAbsolutePath().normalize();

    /** Text put at the start of a line: lone braces that close nothing at the top level, and ordinary blocks. */
    private static final List<String> FRAGMENTS = List.of(
            "}\n", "}", "{\n", "\n", "\n\n\n", "# }\n", "/*\n}\n*/\n", "/*\n}\n",
            "locals {\n  doc = <<EOT\n}\nEOT\n}\n", "locals {\n  doc = <<EOT\n}\n",
            "resource \"aws_lb\" \"x\" {\n  tags = {\n}\n}\n", "resource \"aws_lb\" \"x\" {\n  tags = {\n}\n",
            "locals {\n  s = \"${\n}\n\"\n}\n", "locals {\n  a = 1\n}\n", "variable \"v\" {}\n", "a = 1\n",
            "resource \"aws_lb\" \"y\" {\n  nested {\n}\n  more = true\n}\n", "}\r\n", "}  \n", " }\n", "}}\n");

    /** An edit: at the start of the {@code line}-th line (modulo the file's), a fragment put in or the line cut. */
    record Edit(int line, int fragment, boolean cut) {
    }

    @Test
    void everyFixtureFileParsesAlikeByPieces() throws IOException {
        List<Path> files = files();
        assertThat(files).hasSizeGreaterThan(100);
        for (Path f : files) {
            assertAlike(f.toString(), Files.readString(f), List.of());
        }
    }

    @Property(tries = 400)
    void editedFilesParseAlikeByPiecesWithTheirEarlierPieces(@ForAll("fixtureFiles") Path file,
                                                             @ForAll("edits") List<Edit> edits) throws IOException {
        String before = Files.readString(file);
        String after = edited(before, edits);
        String path = file.toString();
        List<BlockChunks.Chunk> earlier = piecesOf(path, before);
        assertAlike(path, after, earlier);
        // And back: the edited file's pieces serve the original.
        assertAlike(path, before, piecesOf(path, after));
    }

    @Test
    void anEditOfOneBlockParsesThatBlockAndTakesTheOthersOver() throws HclSyntaxException {
        String a = "resource \"aws_lb\" \"a\" {\n  name = \"a\"\n}\n\nresource \"aws_lb\" \"b\" {\n  name = \"b\"\n}\n";
        BlockChunks.Parsed first = BlockChunks.parse("f.tf", a, List.of());
        BlockChunks.Parsed second = BlockChunks.parse("f.tf", a.replace("\"b\"\n", "\"bb\"\n"), first.chunks());
        assertThat(second.file().body().blocks().get(0)).isSameAs(first.file().body().blocks().get(0));
        assertThat(second.file().body().blocks().get(1)).isNotEqualTo(first.file().body().blocks().get(1));
        // A line more above the second block: it is parsed again, at its new line.
        BlockChunks.Parsed third = BlockChunks.parse("f.tf", a.replace("}\n\n", "}\n\n\n"), first.chunks());
        assertThat(third.file().body().blocks().get(0)).isSameAs(first.file().body().blocks().get(0));
        assertThat(third.file().body().blocks().get(1).range().startLine()).isEqualTo(6);
    }

    @Test
    void aHeredocClosingItsJsonInTheFirstColumnRunsItsPieceOnToTheNextCut() throws HclSyntaxException {
        String policy = "resource \"aws_iam_policy\" \"p\" {\n  policy = <<EOF\n{\n  \"Version\": \"2012-10-17\"\n}\n"
                + "EOF\n}\n\nresource \"aws_lb\" \"a\" {\n  name = \"a\"\n}\n";
        BlockChunks.Parsed first = BlockChunks.parse("f.tf", policy, List.of());
        assertThat(first.file()).isEqualTo(HclParser.parse("f.tf", policy));
        assertThat(first.chunks()).hasSize(3); // the policy (run on across the JSON's brace), the load balancer, the end
        BlockChunks.Parsed second = BlockChunks.parse("f.tf", policy.replace("\"a\"\n}", "\"b\"\n}"),
                first.chunks());
        assertThat(second.file().body().blocks().get(0)).isSameAs(first.file().body().blocks().get(0));
    }

    private static List<BlockChunks.Chunk> piecesOf(String path, String text) {
        try {
            return BlockChunks.parse(path, text, List.of()).chunks();
        } catch (HclSyntaxException e) {
            return List.of();
        }
    }

    private static void assertAlike(String path, String text, List<BlockChunks.Chunk> earlier) {
        HclFile whole;
        try {
            whole = HclParser.parse(path, text);
        } catch (HclSyntaxException wholeError) {
            try {
                BlockChunks.parse(path, text, earlier);
            } catch (HclSyntaxException e) {
                assertThat(e.getMessage()).as(text).isEqualTo(wholeError.getMessage());
                return;
            }
            throw new AssertionError("parsed by pieces, not whole (" + wholeError.getMessage() + "):\n" + text);
        }
        try {
            assertThat(BlockChunks.parse(path, text, earlier).file()).as(text).isEqualTo(whole);
        } catch (HclSyntaxException e) {
            throw new AssertionError("parsed whole, not by pieces (" + e.getMessage() + "):\n" + text, e);
        }
    }

    private static String edited(String text, List<Edit> edits) {
        String out = text;
        for (Edit e : edits) {
            List<Integer> starts = new java.util.ArrayList<>(List.of(0));
            for (int i = 0; i < out.length(); i++) {
                if (out.charAt(i) == '\n' && i + 1 < out.length()) {
                    starts.add(i + 1);
                }
            }
            int at = starts.get(e.line() % starts.size());
            if (e.cut()) {
                int end = out.indexOf('\n', at);
                out = out.substring(0, at) + (end < 0 ? "" : out.substring(end + 1));
            } else {
                out = out.substring(0, at) + FRAGMENTS.get(e.fragment()) + out.substring(at);
            }
        }
        return out;
    }

    @Provide
    Arbitrary<Path> fixtureFiles() {
        return Arbitraries.of(files());
    }

    @Provide
    Arbitrary<List<Edit>> edits() {
        return Combinators.combine(Arbitraries.integers().between(0, 10_000),
                Arbitraries.integers().between(0, FRAGMENTS.size() - 1), Arbitraries.integers().between(0, 4))
                .as((line, fragment, cut) -> new Edit(line, fragment, cut == 0)).list().ofMinSize(1).ofMaxSize(4);
    }

    private static List<Path> files() {
        try (Stream<Path> s = Files.walk(FIXTURES)) {
            return s.filter(p -> p.toString().endsWith(".tf") && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
