package dev.lbguard.source.haproxy;

import dev.lbguard.diagnostic.Diagnostic;
import dev.lbguard.diagnostic.SourceRef;
import java.util.ArrayList;
import java.util.List;

/** Collects the diagnostics of one file, each pointing at a line of it. */
final class Problems {
    private final String path;
    private final String revision;
    final List<Diagnostic> diagnostics = new ArrayList<>();

    Problems(String path, String revision) {
        this.path = path;
        this.revision = revision;
    }

    SourceRef at(int line) {
        return new SourceRef(path, line, 0, revision);
    }

    /** Something that may affect routing could not be read: the snapshot is incomplete. */
    void error(String code, String message, int line) {
        diagnostics.add(Diagnostic.error(code, message, at(line)));
    }

    void warning(String code, String message, int line) {
        diagnostics.add(Diagnostic.warning(code, message, at(line)));
    }
}
