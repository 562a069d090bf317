package dev.lbguard.source.traffic;

/**
 * Reads the lines of a log format that most logs are made of from their bytes, the way its {@link LineFormat} reads
 * their text, without decoding them: {@link AlbBytes}, {@link HaproxyBytes}.
 */
interface ByteFormat {
    /**
     * Counts the line {@code b[from, to)} in {@code tally} as the format's {@link LineFormat} would; false, with
     * nothing counted, when the line is to be read as text instead (any line out of the ordinary: the text reader
     * names what is wrong, so every problem is worded in one place).
     */
    boolean read(byte[] b, int from, int to, Tally tally, String file, long line);
}
