package dev.lbguard.source.live.haproxy;

import dev.lbguard.source.SourceException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One HAProxy Runtime API endpoint: a unix socket path or {@code HOST:PORT}. Each command gets its own
 * connection, as in HAProxy's non-interactive mode: send one line, read until HAProxy closes.
 */
final class RuntimeApi {
    private static final Pattern HOST_PORT = Pattern.compile("(\\[[^\\]]+\\]|[^/:\\[\\]]+):(\\d{1,5})");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final String label;
    private final SocketAddress address;

    RuntimeApi(String label, String address) throws SourceException {
        this.label = label;
        Matcher m = HOST_PORT.matcher(address);
        if (address.isBlank()) {
            throw new SourceException(label + ": names no socket; write haproxy:/path/to/admin.sock or haproxy:HOST:PORT.");
        } else if (m.matches() && !address.contains("/")) {
            String host = m.group(1).replace("[", "").replace("]", "");
            this.address = InetSocketAddress.createUnresolved(host, Integer.parseInt(m.group(2)));
        } else {
            this.address = UnixDomainSocketAddress.of(address);
        }
    }

    /**
     * The answer to {@code command}, without HAProxy's closing empty line. An answer that lacks it was cut
     * off (HAProxy ends every answer with an empty line before it closes), so it is refused, not half-read.
     */
    String send(String command) throws SourceException {
        byte[] raw;
        try (SocketChannel channel = open(); Selector selector = Selector.open()) {
            channel.write(ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.US_ASCII)));
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ);
            raw = readToEnd(channel, selector, command);
        } catch (IOException e) {
            throw new SourceException(label + ": cannot talk to the HAProxy Runtime API (" + describe(e)
                    + "); check that the stats socket is configured with \"level admin\" or \"level operator\""
                    + " and that lbguard may open it.", e);
        }
        String answer = new String(raw, StandardCharsets.UTF_8);
        if (!answer.endsWith("\n\n")) {
            throw new SourceException(label + ": the answer to \"" + command + "\" was cut off after " + raw.length
                    + " bytes; HAProxy may have reloaded, run again.");
        }
        return answer.substring(0, answer.length() - 1);
    }

    private SocketChannel open() throws IOException {
        if (address instanceof InetSocketAddress inet) {
            InetSocketAddress resolved = new InetSocketAddress(inet.getHostString(), inet.getPort());
            if (resolved.isUnresolved()) {
                throw new java.net.UnknownHostException("unknown host " + inet.getHostString());
            }
            return SocketChannel.open(resolved);
        }
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(address);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return channel;
    }

    private byte[] readToEnd(SocketChannel channel, Selector selector, String command) throws IOException,
            SourceException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                throw new SourceException(label + ": HAProxy did not finish answering \"" + command + "\" within "
                        + TIMEOUT.toSeconds() + " s; check that the socket is HAProxy's stats socket.");
            }
            selector.select(left);
            selector.selectedKeys().clear();
            int n = channel.read(buffer);
            if (n < 0) {
                return out.toByteArray();
            }
            out.write(buffer.array(), 0, buffer.position());
            buffer.clear();
        }
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.strip();
    }
}
