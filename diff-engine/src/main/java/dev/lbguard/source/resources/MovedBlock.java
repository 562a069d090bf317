package dev.lbguard.source.resources;

import dev.lbguard.diagnostic.SourceRef;

/** A {@code moved { from = ..., to = ... }} block, with addresses as written (module-prefixed). */
public record MovedBlock(String from, String to, SourceRef source) {
}
