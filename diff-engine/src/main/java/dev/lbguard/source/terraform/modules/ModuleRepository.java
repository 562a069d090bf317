package dev.lbguard.source.terraform.modules;

import dev.lbguard.source.SourceException;
import dev.lbguard.source.SourceTree;
import java.util.List;

/**
 * The repository lbguard reads, as a place a {@code git::} module source may point: a module kept in this very
 * repository and called at a tag ({@code git::https://github.com/acme/infra.git//modules/alb?ref=v1.2.0}) is read
 * from that tag, without downloading anything.
 */
public interface ModuleRepository {
    /** The URLs of the repository's remotes ({@code origin} and any other), as its git config has them. */
    List<String> remoteUrls();

    /** The files of {@code ref} (a tag, branch or commit). */
    SourceTree tree(String ref) throws SourceException;
}
