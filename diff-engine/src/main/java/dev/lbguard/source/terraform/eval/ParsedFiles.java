package dev.lbguard.source.terraform.eval;

import dev.lbguard.source.hcl.Block;
import dev.lbguard.source.hcl.BlockChunks;
import dev.lbguard.source.hcl.HclFile;
import dev.lbguard.source.hcl.HclSyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Parsed configuration files by path and content id (a git blob id), shared by every revision and root module of
 * the process that holds the same blob: a module's files, read by several root modules and revisions, are parsed
 * once. (A root module's own files are taken from its previous evaluation instead, see {@link Reuse}.) A parse
 * is a pure function of the path (ranges name it) and the bytes, and the syntax trees are immutable, so sharing
 * changes no answer. Bounded by the size of the source text held, least recently used first out.
 */
final class ParsedFiles {
    /**
     * Source characters held. A parsed file takes some 20 bytes of heap per character of source, and entries that
     * die late cost the collector, so this is small: about 10 MB of modules.
     */
    static final long LIMIT = 500_000;
    private static final ParsedFiles SHARED = new ParsedFiles(LIMIT);

    /**
     * A parse: the file, or the syntax error it gave; the characters of source it read; the key of each of the
     * file's top-level blocks (its labels joined with dots), made once per blob, so that every revision holding the
     * blob declares by the very same strings and the maps of declarations and values find them by identity; and the
     * file's pieces, which the parse of the file's next version takes where they did not change.
     */
    record Parse(Optional<HclFile> file, Optional<HclSyntaxException> error, int chars, List<String> keys,
                 List<BlockChunks.Chunk> chunks) {
        static Parse of(HclFile file, List<BlockChunks.Chunk> chunks, int chars) {
            List<String> keys = new java.util.ArrayList<>(file.body().blocks().size());
            for (Block b : file.body().blocks()) {
                // Interned: an edited file's next parse makes its keys again, and the values taken over from the
                // evaluation before are keyed by the strings of the first parse.
                keys.add(String.join(".", b.labels()).intern());
            }
            return new Parse(Optional.of(file), Optional.empty(), chars, List.copyOf(keys), chunks);
        }

        static Parse failed(HclSyntaxException error, int chars) {
            return new Parse(Optional.empty(), Optional.of(error), chars, List.of(), List.of());
        }
    }

    private record Entry(Parse parse, long weight) {
    }

    private final long limit;
    private long held;
    private final Map<String, Entry> entries = new LinkedHashMap<>(64, 0.75f, true);

    ParsedFiles(long limit) {
        this.limit = limit;
    }

    static ParsedFiles shared() {
        return SHARED;
    }

    synchronized Optional<Parse> get(String path, String contentId) {
        Entry e = entries.get(key(path, contentId));
        return e == null ? Optional.empty() : Optional.of(e.parse());
    }

    synchronized void put(String path, String contentId, Parse parse) {
        long sourceChars = parse.chars();
        if (sourceChars > limit) {
            return;
        }
        Entry old = entries.put(key(path, contentId), new Entry(parse, sourceChars));
        held += sourceChars - (old == null ? 0 : old.weight());
        var it = entries.values().iterator();
        while (held > limit && it.hasNext()) {
            held -= it.next().weight();
            it.remove();
        }
    }

    /** Source characters held now. */
    synchronized long held() {
        return held;
    }

    private static String key(String path, String contentId) {
        return path + '\0' + contentId;
    }
}
