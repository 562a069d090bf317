package dev.lbguard.source.git;

import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;

/**
 * Directory listings of git trees, read once per tree id: the commits of a history share almost all their
 * subtrees, so a walk over thousands of commits reads only the trees each commit changed.
 */
final class TreeListings {
    /** Enough for the trees of a long walk's recent commits; a listing is a few small maps. */
    private static final int LIMIT = 1024;

    /**
     * One directory: its regular and executable files by name, its symbolic links by name (the blob of a link holds
     * its target path; {@link GitTree} follows them as a checkout would), and its subdirectories that hold such
     * entries somewhere below, all sorted by name. Submodules hold nothing lbguard can read at this commit.
     */
    record Dir(SortedMap<String, ObjectId> files, SortedMap<String, ObjectId> links, SortedMap<String, Dir> dirs) {
        boolean isEmpty() {
            return files.isEmpty() && links.isEmpty() && dirs.isEmpty();
        }
    }

    private final Repository repository;
    private final Map<ObjectId, Dir> byId = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ObjectId, Dir> eldest) {
            return size() > LIMIT;
        }
    };

    TreeListings(Repository repository) {
        this.repository = repository;
    }

    /** The listing of a tree and of every tree below it. */
    synchronized Dir list(AnyObjectId tree) throws IOException {
        try (ObjectReader reader = repository.newObjectReader()) {
            return list(reader, tree.toObjectId());
        }
    }

    private Dir list(ObjectReader reader, ObjectId tree) throws IOException {
        Dir known = byId.get(tree);
        if (known != null) {
            return known;
        }
        SortedMap<String, ObjectId> files = new TreeMap<>();
        SortedMap<String, ObjectId> links = new TreeMap<>();
        SortedMap<String, Dir> dirs = new TreeMap<>();
        for (CanonicalTreeParser p = new CanonicalTreeParser(null, reader, tree); !p.eof(); p.next()) {
            FileMode mode = p.getEntryFileMode();
            if (mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE) {
                files.put(p.getEntryPathString(), p.getEntryObjectId());
            } else if (mode == FileMode.SYMLINK) {
                links.put(p.getEntryPathString(), p.getEntryObjectId());
            } else if (mode == FileMode.TREE) {
                ObjectId sub = p.getEntryObjectId();
                Dir d = list(reader, sub);
                if (!d.isEmpty()) {
                    dirs.put(p.getEntryPathString(), d);
                }
            }
        }
        Dir d = new Dir(Collections.unmodifiableSortedMap(files), unmodifiable(links),
                Collections.unmodifiableSortedMap(dirs));
        byId.put(tree, d);
        return d;
    }

    /** Most directories hold no link: they share one empty map. */
    private static SortedMap<String, ObjectId> unmodifiable(SortedMap<String, ObjectId> map) {
        return map.isEmpty() ? Collections.emptySortedMap() : Collections.unmodifiableSortedMap(map);
    }
}
