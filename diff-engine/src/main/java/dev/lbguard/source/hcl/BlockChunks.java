package dev.lbguard.source.hcl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Parses a file block by block, so that a new version of a file parses only the top-level blocks that changed: an
 * edit of one rule in a file of forty re-parses that rule. A file is cut after each line that is a lone {@code }}
 * (how {@code terraform fmt} ends a top-level block); each piece is parsed apart, positioned in the file, or taken
 * from the file's earlier version where that held the same text at the same line (the very same syntax trees).
 *
 * <p>A cut anywhere but after a top-level block leaves its piece with a construct open (a brace, a heredoc, a
 * comment, a string: a lone {@code }} closes nothing else at the top level), which does not parse; such a piece runs
 * on to the next cut (a heredoc of JSON closes its object in the first column), a few times, and then, or for a file
 * with top-level attributes, the whole file is parsed as one, so errors are found and reported as before. The
 * pieces' blocks are the blocks a parse of the whole file gives, equal to the last position.
 */
public final class BlockChunks {
    /** How many cuts a piece may run across before the file is parsed whole (a syntax error, not a false cut). */
    private static final int RUN_ON = 8;

    /** A piece of a file: its text, the file line it begins at, and what it parsed to. */
    public record Chunk(String text, int firstLine, Body body) {
    }

    /** A file parsed by pieces, with its pieces for the parse of its next version. */
    public record Parsed(HclFile file, List<Chunk> chunks) {
    }

    private BlockChunks() {
    }

    /**
     * Parses {@code text}, taking pieces from {@code before} (the pieces of an earlier version of the file, or none);
     * a file that does not cut cleanly is parsed whole and has no pieces.
     */
    public static Parsed parse(String path, String text, List<Chunk> before) throws HclSyntaxException {
        Map<String, Chunk> earlier = new HashMap<>();
        for (Chunk c : before) {
            earlier.put(c.text(), c);
        }
        List<Chunk> chunks = new ArrayList<>();
        List<Block> blocks = new ArrayList<>();
        int start = 0;
        int startLine = 1;
        int line = 1;
        int lineBegin = 0;
        int runOn = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i < text.length() && text.charAt(i) != '\n') {
                continue;
            }
            // The last piece runs to the end of the text, even when that is empty (the end of the file is its end).
            if (i == text.length() || isLoneBrace(text, lineBegin, i)) {
                int end = Math.min(i + 1, text.length());
                Optional<Chunk> chunk = chunk(path, text.substring(start, end), startLine, earlier);
                if (chunk.isPresent()) {
                    chunks.add(chunk.get());
                    blocks.addAll(chunk.get().body().blocks());
                    start = end;
                    startLine = line + 1;
                    runOn = 0;
                } else if (i == text.length() || ++runOn > RUN_ON) {
                    return new Parsed(HclParser.parse(path, text), List.of());
                }
            }
            line++;
            lineBegin = i + 1;
        }
        Range last = chunks.get(chunks.size() - 1).body().range();
        return new Parsed(new HclFile(path, new Body(List.of(), blocks, new Range(path, 1, 1, last.endLine(),
                last.endColumn()))), List.copyOf(chunks));
    }

    /** The piece, parsed or taken from the earlier version; empty when it does not parse or holds attributes. */
    private static Optional<Chunk> chunk(String path, String text, int firstLine, Map<String, Chunk> earlier) {
        Chunk was = earlier.get(text);
        if (was != null && was.firstLine() == firstLine) {
            return Optional.of(was);
        }
        try {
            Body body = HclParser.parseBody(path, text, firstLine);
            return body.attributes().isEmpty() ? Optional.of(new Chunk(text, firstLine, body)) : Optional.empty();
        } catch (HclSyntaxException e) {
            return Optional.empty();
        }
    }

    /** True for a line that is a closing brace in the first column, with nothing after it but spaces. */
    private static boolean isLoneBrace(String text, int from, int to) {
        if (to - from < 1 || text.charAt(from) != '}') {
            return false;
        }
        for (int i = from + 1; i < to; i++) {
            char c = text.charAt(i);
            if (c != ' ' && c != '\t' && c != '\r') {
                return false;
            }
        }
        return true;
    }
}
