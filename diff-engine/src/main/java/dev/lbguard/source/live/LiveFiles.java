package dev.lbguard.source.live;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lbguard.source.SourceException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads the JSON file of a file-based live source. Every failure is one sentence naming the source; Jackson's own
 * messages are never passed on, because they quote the offending text and a state file holds secrets.
 */
final class LiveFiles {
    // A state holds user data of any size (a 50 MB user_data string is valid JSON, which Jackson's default
    // 20 MB string limit called invalid); the file as a whole is bounded instead.
    private static final ObjectMapper MAPPER = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
            .streamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder()
                    .maxStringLength(Integer.MAX_VALUE).maxNumberLength(10_000).build())
            .build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    /** The largest file read: a state of thousands of resources is a few megabytes. */
    static final long MAX_BYTES = 512L * 1024 * 1024;

    private LiveFiles() {
    }

    static JsonNode readObject(String label, Path path) throws SourceException {
        byte[] bytes;
        try {
            if (Files.isDirectory(path)) {
                throw new SourceException(label + ": " + path + " is a directory, not a file");
            }
            if (Files.exists(path) && !Files.isRegularFile(path)) {
                // /dev/zero, a pipe: never ends, or ends when something else decides.
                throw new SourceException(label + ": " + path + " is not a regular file (a device or a pipe)");
            }
            if (Files.size(path) > MAX_BYTES) {
                throw new SourceException(label + ": " + path + " is larger than lbguard reads (512 MB)");
            }
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new SourceException(label + ": no such file " + path);
        } catch (AccessDeniedException e) {
            throw new SourceException(label + ": cannot read " + path + " (permission denied)");
        } catch (IOException e) {
            throw new SourceException(label + ": cannot read " + path + " (" + e.getClass().getSimpleName() + ")");
        }
        if (bytes.length == 0) {
            throw new SourceException(label + ": " + path + " is empty");
        }
        JsonNode root;
        try {
            root = dev.lbguard.source.value.JsonNumbers.readTree(MAPPER, bytes);
        } catch (JsonEOFException e) {
            throw new SourceException(label + ": " + path + " ends in the middle of its JSON" + at(e.getLocation())
                    + "; is the file truncated?");
        } catch (JsonProcessingException e) {
            throw new SourceException(label + ": " + path + " is not valid JSON" + at(e.getLocation()));
        } catch (IOException e) {
            throw new SourceException(label + ": cannot read " + path + " (" + e.getClass().getSimpleName() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new SourceException(label + ": " + path + " does not hold a JSON object");
        }
        return root;
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    /**
     * Checks the {@code format_version} of {@code terraform show -json} output (a state or a plan): 0.x (Terraform
     * 0.12 to 0.15) and 1.x share one structure; another major version, or none, is refused by name rather than
     * read as if it were one.
     */
    static void checkFormatVersion(String label, Path path, JsonNode root) throws SourceException {
        JsonNode v = root.path("format_version");
        String text = v.isTextual() ? v.asText() : "";
        if (!text.matches("[01]\\.\\d+")) {
            throw new SourceException(label + ": " + path + " has format_version " + (v.isMissingNode() ? "(none)"
                    : v.toString()) + "; lbguard reads terraform's JSON output format 0.x and 1.x");
        }
    }
}
