package dev.lbguard.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** Reads the version Maven wrote into the jar, so {@code --version} never drifts from the build. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/lbguard-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        }
        return new String[] {"lbguard " + p.getProperty("version", "unknown"),
            "Java " + System.getProperty("java.version")};
    }
}
