package dev.lbguard.cli.command;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** Reads the version Maven wrote into the jar, so {@code --version} and reports never drift from the build. */
public final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"lbguard " + current(), "Java " + System.getProperty("java.version")};
    }

    /** lbguard's version, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static String current() {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/lbguard-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return p.getProperty("version", "unknown");
    }
}
