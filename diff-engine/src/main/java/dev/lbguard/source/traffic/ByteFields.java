package dev.lbguard.source.traffic;

import dev.lbguard.route.Request;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The query and client address of log lines read from their bytes, each distinct one worked out once and found again
 * by its bytes (bounded caches): a log's clients and queries repeat, and most lines need neither decoded.
 */
final class ByteFields {
    private static final int QUERIES_KEPT = 1 << 16;
    private static final long QUERY_BYTES_KEPT = 4L << 20;
    private static final int ADDRESSES_KEPT = 1 << 16;
    private static final long ADDRESS_BYTES_KEPT = 2L << 20;

    private final SliceCache<List<Request.QueryParam>> queries;
    private final SliceCache<Optional<String>> addresses;

    /** Each cache keeping at most {@code kept} entries: tests make them forget often. */
    ByteFields(int kept) {
        this.queries = new SliceCache<>(Math.min(kept, QUERIES_KEPT), QUERY_BYTES_KEPT);
        this.addresses = new SliceCache<>(Math.min(kept, ADDRESSES_KEPT), ADDRESS_BYTES_KEPT);
    }

    /**
     * The pairs of the query {@code (question, end)}, {@code question} the {@code ?} or -1 when there is none, as
     * {@link RequestTarget#params} splits them.
     */
    List<Request.QueryParam> query(byte[] b, int question, int end) {
        if (question < 0 || question + 1 == end) {
            return List.of();
        }
        int hash = SliceCache.hash(b, question + 1, end);
        List<Request.QueryParam> params = queries.get(b, question + 1, end, hash);
        if (params == null) {
            params = List.copyOf(RequestTarget.params(text(b, question + 1, end)));
            queries.put(b, question + 1, end, hash, params);
        }
        return params;
    }

    /** The address of the client field {@code b[from, to)} written address:port, as {@link ClientAddress#of} reads it. */
    Optional<String> addressOfPort(byte[] b, int from, int to) {
        int start = from;
        int end;
        if (from < to && b[from] == '[') {
            start = from + 1;
            end = start;
            while (end < to && b[end] != ']') {
                end++;
            }
            if (end == to) {
                return Optional.empty();
            }
        } else {
            end = to - 1;
            while (end >= from && b[end] != ':') {
                end--;
            }
            if (end < from) {
                end = to;
            }
        }
        return address(b, start, end);
    }

    /** {@code b[from, to)} when {@link ClientAddress#isAddress} takes it for an address. */
    Optional<String> address(byte[] b, int from, int to) {
        int hash = SliceCache.hash(b, from, to);
        Optional<String> address = addresses.get(b, from, to, hash);
        if (address == null) {
            String text = text(b, from, to);
            address = ClientAddress.isAddress(text) ? Optional.of(text) : Optional.empty();
            addresses.put(b, from, to, hash, address);
        }
        return address;
    }

    static String text(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.UTF_8);
    }
}
