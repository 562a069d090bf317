package dev.lbguard.source.resources;

import dev.lbguard.diagnostic.SourceRef;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The line of each top-level attribute or block of a resource instance, by name, read at one revision: the lines
 * as first read, and the revision they are now said at. An instance taken over by the next evaluation is the same
 * text at another revision; re-stamping it shares the lines instead of copying them (a walk re-stamps every
 * resource of a root module at each commit that changes it). Immutable.
 */
final class AttributeSources extends AbstractMap<String, SourceRef> {
    private final Map<String, SourceRef> lines;
    private final String revision;

    private AttributeSources(Map<String, SourceRef> lines, String revision) {
        this.lines = lines;
        this.revision = revision;
    }

    /** The sources as given, sorted by name. */
    static AttributeSources of(Map<String, SourceRef> sources) {
        if (sources instanceof AttributeSources a) {
            return a;
        }
        return new AttributeSources(java.util.Collections.unmodifiableMap(new TreeMap<>(sources)), null);
    }

    /** The same lines at {@code rev}. */
    AttributeSources atRevision(String rev) {
        return new AttributeSources(lines, rev);
    }

    /** True when both hold the very same lines (at whatever revision): then they name the same places. */
    boolean sameLines(AttributeSources other) {
        return lines == other.lines;
    }

    private SourceRef here(SourceRef s) {
        return s == null || revision == null ? s : s.atRevision(revision);
    }

    @Override
    public SourceRef get(Object key) {
        return here(lines.get(key));
    }

    @Override
    public boolean containsKey(Object key) {
        return lines.containsKey(key);
    }

    @Override
    public int size() {
        return lines.size();
    }

    @Override
    public Set<Map.Entry<String, SourceRef>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<String, SourceRef>> iterator() {
                Iterator<Map.Entry<String, SourceRef>> i = lines.entrySet().iterator();
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return i.hasNext();
                    }

                    @Override
                    public Map.Entry<String, SourceRef> next() {
                        Map.Entry<String, SourceRef> e = i.next();
                        return Map.entry(e.getKey(), here(e.getValue()));
                    }
                };
            }

            @Override
            public int size() {
                return lines.size();
            }
        };
    }
}
