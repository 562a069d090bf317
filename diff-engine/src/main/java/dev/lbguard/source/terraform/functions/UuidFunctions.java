package dev.lbguard.source.terraform.functions;

import dev.lbguard.source.value.Convert;
import dev.lbguard.source.value.EvalException;
import dev.lbguard.source.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;

/**
 * {@code uuidv5}: the name-based (SHA-1) UUID of RFC 4122, with the four named namespaces and the namespace forms
 * github.com/google/uuid parses ({@code uuid()} itself is random and lives with the apply-time functions).
 */
final class UuidFunctions {
    private UuidFunctions() {
    }

    private static final Map<String, String> NAMESPACES = Map.of(
            "dns", "6ba7b810-9dad-11d1-80b4-00c04fd430c8",
            "url", "6ba7b811-9dad-11d1-80b4-00c04fd430c8",
            "oid", "6ba7b812-9dad-11d1-80b4-00c04fd430c8",
            "x500", "6ba7b814-9dad-11d1-80b4-00c04fd430c8");

    static void register(Functions.Registry r) {
        r.strict("uuidv5", 2, 2, args -> {
            String namespace = Convert.string(args.get(0), "namespace");
            String name = Convert.string(args.get(1), "name");
            byte[] space;
            try {
                space = parse(NAMESPACES.getOrDefault(namespace, namespace).getBytes(StandardCharsets.UTF_8));
            } catch (EvalException e) {
                throw new EvalException("uuidv5() doesn't support namespace " + namespace + " (" + e.getMessage()
                        + ")");
            }
            byte[] data = name.getBytes(StandardCharsets.UTF_8);
            byte[] input = Arrays.copyOf(space, 16 + data.length);
            System.arraycopy(data, 0, input, 16, data.length);
            byte[] uuid = Arrays.copyOf(EncodingFunctions.digest("SHA-1", input), 16);
            uuid[6] = (byte) (uuid[6] & 0x0f | 0x50);
            uuid[8] = (byte) (uuid[8] & 0x3f | 0x80);
            String hex = HexFormat.of().formatHex(uuid);
            return new Value.Str(hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                    + hex.substring(16, 20) + "-" + hex.substring(20));
        });
    }

    /** google/uuid's {@code Parse}: 36 characters, {@code urn:uuid:} plus 36, 38 (braces unchecked) or 32 hex. */
    static byte[] parse(byte[] s) throws EvalException {
        byte[] uuid = new byte[16];
        int at;
        switch (s.length) {
            case 36 -> at = 0;
            case 45 -> {
                String prefix = new String(s, 0, 9, StandardCharsets.ISO_8859_1);
                if (!prefix.equalsIgnoreCase("urn:uuid:")) {
                    throw new EvalException("invalid urn prefix: " + GoQuote.quote(Arrays.copyOf(s, 9)));
                }
                at = 9;
            }
            case 38 -> at = 1;
            case 32 -> {
                for (int i = 0; i < 16; i++) {
                    uuid[i] = hexByte(s, i * 2);
                }
                return uuid;
            }
            default -> throw new EvalException("invalid UUID length: " + s.length);
        }
        if (s[at + 8] != '-' || s[at + 13] != '-' || s[at + 18] != '-' || s[at + 23] != '-') {
            throw new EvalException("invalid UUID format");
        }
        int[] offsets = {0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34};
        for (int i = 0; i < 16; i++) {
            uuid[i] = hexByte(s, at + offsets[i]);
        }
        return uuid;
    }

    private static byte hexByte(byte[] s, int i) throws EvalException {
        int hi = Character.digit(s[i] & 0xFF, 16);
        int lo = Character.digit(s[i + 1] & 0xFF, 16);
        if (hi < 0 || lo < 0 || (s[i] & 0x80) != 0 || (s[i + 1] & 0x80) != 0) {
            throw new EvalException("invalid UUID format");
        }
        return (byte) (hi << 4 | lo);
    }
}
