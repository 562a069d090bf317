package dev.lbguard.source.hcl;

/**
 * Where a text parsed apart from its file stands in that file: a JSON string of a {@code .tf.json} file holds a
 * template whose positions are counted from the string's first character, and the file's are wanted.
 */
@FunctionalInterface
public interface SourceMap {
    /** A 1-based line and column of a file. */
    record Position(int line, int column) {
    }

    /** Positions counted in the text are positions in the file (a text read from a file of its own). */
    SourceMap IDENTITY = Position::new;

    /** The file position of the text's 1-based {@code line} and {@code column}. */
    Position at(int line, int column);
}
