package dev.lbguard.source.git;

import dev.lbguard.source.SourceException;
import dev.lbguard.source.SourceTree;
import dev.lbguard.source.terraform.modules.ModuleRepository;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.Config;

/** A git repository on disk as a {@link ModuleRepository}: its remotes from its config, its refs through JGit. */
public final class GitModuleRepository implements ModuleRepository {
    private final Path dir;
    private final List<String> remoteUrls;

    private GitModuleRepository(Path dir, List<String> remoteUrls) {
        this.dir = dir;
        this.remoteUrls = List.copyOf(remoteUrls);
    }

    /** The repository holding {@code dir}. */
    public static GitModuleRepository open(Path dir) throws SourceException {
        try (GitRepository git = GitRepository.open(dir)) {
            Config config = git.jgit().getConfig();
            List<String> urls = new ArrayList<>();
            for (String remote : config.getSubsections("remote")) {
                for (String url : config.getStringList("remote", remote, "url")) {
                    urls.add(url);
                }
            }
            return new GitModuleRepository(dir, urls);
        }
    }

    @Override
    public List<String> remoteUrls() {
        return remoteUrls;
    }

    @Override
    public SourceTree tree(String ref) throws SourceException {
        try (GitRepository git = GitRepository.open(dir)) {
            return git.tree(ref);
        }
    }
}
