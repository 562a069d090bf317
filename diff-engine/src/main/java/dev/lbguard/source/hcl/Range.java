package dev.lbguard.source.hcl;

/** The span of a syntax node in its file: 1-based lines and columns, end exclusive, byte-free (chars). */
public record Range(String file, int startLine, int startColumn, int endLine, int endColumn) {
    @Override
    public String toString() {
        return file + ":" + startLine + ":" + startColumn;
    }
}
