package dev.lbguard.source.terraform.eval;

import dev.lbguard.source.hcl.HclFile;
import dev.lbguard.source.hcl.HclSyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Parsed configuration files by path and content id (a git blob id), shared by every revision and root module of
 * the process that holds the same blob: a history walk or a review parses a file once, not once per commit. A parse
 * is a pure function of the path (ranges name it) and the bytes, and the syntax trees are immutable, so sharing
 * changes no answer. Bounded by the size of the source text held, least recently used first out.
 */
final class ParsedFiles {
    /**
     * Source characters held: a revision of a 2 MB root module and the files its next commits change. A parsed
     * file takes some tens of bytes of heap per character of source.
     */
    static final long LIMIT = 2_500_000;
    private static final ParsedFiles SHARED = new ParsedFiles(LIMIT);

    /** A parse: the file, or the syntax error it gave. */
    record Parse(Optional<HclFile> file, Optional<HclSyntaxException> error) {
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

    synchronized void put(String path, String contentId, Parse parse, long sourceChars) {
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
