package dev.lbguard.source.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A slice cache finds values by their bytes anywhere in a buffer, grows, and forgets everything at its bounds. */
class SliceCacheTest {
    private static int put(SliceCache<String> cache, String key) {
        byte[] b = ("  " + key + "  ").getBytes(StandardCharsets.UTF_8);
        int hash = SliceCache.hash(b, 2, b.length - 2);
        cache.put(b, 2, b.length - 2, hash, key);
        return hash;
    }

    private static String get(SliceCache<String> cache, String key) {
        byte[] b = ("x" + key).getBytes(StandardCharsets.UTF_8);
        return cache.get(b, 1, b.length, SliceCache.hash(b, 1, b.length));
    }

    @Test
    void findsByBytesAndGrows() {
        SliceCache<String> cache = new SliceCache<>(10_000, 1 << 20);
        for (int i = 0; i < 1000; i++) {
            put(cache, "key" + i);
        }

        assertThat(get(cache, "key0")).isEqualTo("key0");
        assertThat(get(cache, "key999")).isEqualTo("key999");
        assertThat(get(cache, "key1000")).isNull();
        assertThat(get(cache, "")).isNull();
        put(cache, "");
        assertThat(get(cache, "")).isEmpty();
    }

    @Test
    void forgetsAtEitherBound() {
        SliceCache<String> byCount = new SliceCache<>(3, 1 << 20);
        put(byCount, "a");
        put(byCount, "b");
        put(byCount, "c");
        put(byCount, "d");
        assertThat(get(byCount, "a")).isNull();
        assertThat(get(byCount, "d")).isEqualTo("d");

        SliceCache<String> byBytes = new SliceCache<>(100, 8);
        put(byBytes, "abcd");
        put(byBytes, "efgh");
        assertThat(get(byBytes, "abcd")).isEqualTo("abcd");
        put(byBytes, "i");
        assertThat(get(byBytes, "abcd")).isNull();
        assertThat(get(byBytes, "i")).isEqualTo("i");
    }
}
