package dev.lbguard.source.terraform.functions;

import dev.lbguard.source.value.Convert;
import dev.lbguard.source.value.EvalException;
import dev.lbguard.source.value.Value;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/** JSON, base64, URL encoding and the hash functions (hex or base64 digests of the UTF-8 bytes). */
public final class EncodingFunctions {
    private EncodingFunctions() {
    }

    static void register(Functions.Registry r) {
        r.strict("jsonencode", 1, 1, args -> new Value.Str(Json.encode(args.get(0))));
        r.strict("jsondecode", 1, 1, args -> Json.decode(Convert.string(args.get(0), "str")));
        r.strict("base64encode", 1, 1, args -> new Value.Str(Base64.getEncoder().encodeToString(
                utf8(args.get(0)))));
        r.strict("base64decode", 1, 1, args -> {
            String s = Convert.string(args.get(0), "str");
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(s);
            } catch (IllegalArgumentException e) {
                throw new EvalException("failed to decode base64 data " + Json.quote(s));
            }
            try {
                return new Value.Str(StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes)).toString());
            } catch (CharacterCodingException e) {
                throw new EvalException("the result of decoding the provided string is not valid UTF-8");
            }
        });
        r.strict("urlencode", 1, 1, args -> new Value.Str(URLEncoder.encode(Convert.string(args.get(0), "str"),
                StandardCharsets.UTF_8).replace("*", "%2A").replace("%7E", "~")));
        hash(r, "md5", "MD5");
        hash(r, "sha1", "SHA-1");
        hash(r, "sha256", "SHA-256");
        hash(r, "sha512", "SHA-512");
        r.strict("base64sha256", 1, 1, args -> new Value.Str(Base64.getEncoder().encodeToString(
                digest("SHA-256", utf8(args.get(0))))));
        r.strict("base64sha512", 1, 1, args -> new Value.Str(Base64.getEncoder().encodeToString(
                digest("SHA-512", utf8(args.get(0))))));
    }

    private static void hash(Functions.Registry r, String name, String algorithm) {
        r.strict(name, 1, 1, args -> new Value.Str(HexFormat.of().formatHex(digest(algorithm, utf8(args.get(0))))));
    }

    private static byte[] utf8(Value v) throws EvalException {
        return Convert.string(v, "str").getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] digest(String algorithm, byte[] bytes) {
        try {
            return MessageDigest.getInstance(algorithm).digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides " + algorithm, e);
        }
    }
}
