package dev.lbguard.source.traffic;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A stream read on a thread of its own, a few blocks ahead of its reader: gunzipping a log and reading its lines
 * each take a core's second per million lines, so on two cores they overlap. What the stream holds and where it
 * fails are unchanged: the reader gets every byte read before a failure, then the failure itself.
 */
final class ReadAhead extends InputStream {
    private static final int BLOCK = 1 << 20;
    private static final int BLOCKS_AHEAD = 4;

    /** Bytes read, or the end ({@code length} -1), or the failure that ended the reading. */
    private record Block(byte[] bytes, int length, Optional<Throwable> failure) {
    }

    private final BlockingQueue<Block> filled = new ArrayBlockingQueue<>(BLOCKS_AHEAD + 2);
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BLOCKS_AHEAD + 2);
    private final Thread thread;
    private volatile boolean closed;
    private Block current;
    private int position;

    ReadAhead(InputStream in, String name) {
        for (int i = 0; i < BLOCKS_AHEAD; i++) {
            free.add(new byte[BLOCK]);
        }
        thread = new Thread(() -> produce(in), "lbguard-read-ahead " + name);
        thread.setDaemon(true);
        thread.start();
    }

    private void produce(InputStream in) {
        try (in) {
            while (!closed) {
                byte[] block = free.take();
                int n = 0;
                try {
                    while (n < block.length) {
                        int r = in.read(block, n, block.length - n);
                        if (r < 0) {
                            break;
                        }
                        n += r;
                    }
                } catch (IOException | RuntimeException | Error e) {
                    // Handed over as thrown, so the reader sees a cut gzip's EOFException, not a wrapper.
                    if (n > 0) {
                        filled.put(new Block(block, n, Optional.empty()));
                    }
                    filled.put(new Block(block, -1, Optional.of(e)));
                    return;
                }
                if (n > 0) {
                    filled.put(new Block(block, n, Optional.empty()));
                }
                if (n < block.length) {
                    filled.put(new Block(block, -1, Optional.empty()));
                    return;
                }
            }
        } catch (InterruptedException e) {
            // Closed by the reader: nothing waits for the rest.
        } catch (IOException e) {
            // Closing the underlying stream failed after the reading ended; nothing is lost.
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (current == null || (current.length() >= 0 && position == current.length())) {
            if (current != null) {
                free.add(current.bytes());
            }
            try {
                current = filled.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading ahead");
            }
            position = 0;
        }
        if (current.length() < 0) {
            if (current.failure().isPresent()) {
                throw rethrown(current.failure().get());
            }
            return -1;
        }
        int n = Math.min(len, current.length() - position);
        System.arraycopy(current.bytes(), position, b, off, n);
        position += n;
        return n;
    }

    private static IOException rethrown(Throwable failure) {
        if (failure instanceof RuntimeException r) {
            throw r;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        return (IOException) failure;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
