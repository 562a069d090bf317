package dev.lbguard.model.violation;

/** A deliberate violation for {@code LayeringTest}: the model reaching for a source. */
final class ModelReadingGit {
    Object tree() throws Exception {
        return dev.lbguard.source.git.GitRepository.open(java.nio.file.Path.of("."));
    }
}
