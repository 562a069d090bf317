package dev.lbguard.source.terraform.functions;

import dev.lbguard.source.value.Convert;
import dev.lbguard.source.value.EvalException;
import dev.lbguard.source.value.Value;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code textencodebase64} and {@code textdecodebase64}: a string in another character encoding, as base64; and
 * {@code base64gzip}, whose bytes are Go's own deflate stream: lbguard gives an unknown value rather than carry a
 * port of Go's compressor for what feeds user data and never routing. For the encodings, every
 * name Terraform accepts is known here; lbguard implements the Unicode encodings, US-ASCII, ISO-8859-1 and
 * windows-1252, and gives an unknown value for the other 50 (EBCDIC, Shift_JIS, GBK...).
 */
final class TextEncodingFunctions {
    private TextEncodingFunctions() {
    }

    /**
     * The encodings Terraform 1.11 accepts: the IANA registry entries golang.org/x/text v0.22.0 implements, one a
     * line, its IANA name (as Terraform's messages print it) and then its aliases in lower case.
     */
    private static final String IANA = """
            US-ASCII ansi_x3.4-1968 ansi_x3.4-1986 cp367 csascii ibm367 iso-ir-6 iso646-us iso_646.irv:1991 us us-ascii
            UTF-8 csutf8 utf-8
            UTF-16 csutf16 utf-16
            UTF-16BE csutf16be utf-16be
            UTF-16LE csutf16le utf-16le
            IBM037 cp037 csibm037 ebcdic-cp-ca ebcdic-cp-nl ebcdic-cp-us ebcdic-cp-wt ibm037
            IBM437 437 cp437 cspc8codepage437 ibm437
            IBM850 850 cp850 cspc850multilingual ibm850
            IBM852 852 cp852 cspcp852 ibm852
            IBM855 855 cp855 csibm855 ibm855
            IBM00858 ccsid00858 cp00858 csibm00858 ibm00858 pc-multilingual-850+euro
            IBM860 860 cp860 csibm860 ibm860
            IBM862 862 cp862 cspc862latinhebrew ibm862
            IBM863 863 cp863 csibm863 ibm863
            IBM865 865 cp865 csibm865 ibm865
            IBM866 866 cp866 csibm866 ibm866
            IBM1047 csibm1047 ibm-1047 ibm1047
            IBM01140 ccsid01140 cp01140 csibm01140 ebcdic-us-37+euro ibm01140
            ISO_8859-1:1987 cp819 csisolatin1 ibm819 iso-8859-1 iso-ir-100 iso_8859-1 iso_8859-1:1987 l1 latin1
            ISO_8859-2:1987 csisolatin2 iso-8859-2 iso-ir-101 iso_8859-2 iso_8859-2:1987 l2 latin2
            ISO_8859-3:1988 csisolatin3 iso-8859-3 iso-ir-109 iso_8859-3 iso_8859-3:1988 l3 latin3
            ISO_8859-4:1988 csisolatin4 iso-8859-4 iso-ir-110 iso_8859-4 iso_8859-4:1988 l4 latin4
            ISO_8859-5:1988 csisolatincyrillic cyrillic iso-8859-5 iso-ir-144 iso_8859-5 iso_8859-5:1988
            ISO_8859-6:1987 arabic asmo-708 csisolatinarabic ecma-114 iso-8859-6 iso-ir-127 iso_8859-6 iso_8859-6:1987
            ISO_8859-6-E csiso88596e iso-8859-6-e iso_8859-6-e
            ISO_8859-6-I csiso88596i iso-8859-6-i iso_8859-6-i
            ISO_8859-7:1987 csisolatingreek ecma-118 elot_928 greek greek8 iso-8859-7 iso-ir-126 iso_8859-7 iso_8859-7:1987
            ISO_8859-8:1988 csisolatinhebrew hebrew iso-8859-8 iso-ir-138 iso_8859-8 iso_8859-8:1988
            ISO_8859-8-E csiso88598e iso-8859-8-e iso_8859-8-e
            ISO_8859-8-I csiso88598i iso-8859-8-i iso_8859-8-i
            ISO_8859-9:1989 csisolatin5 iso-8859-9 iso-ir-148 iso_8859-9 iso_8859-9:1989 l5 latin5
            ISO-8859-10 csisolatin6 iso-8859-10 iso-ir-157 iso_8859-10:1992 l6 latin6
            ISO-8859-13 csiso885913 iso-8859-13
            ISO-8859-14 csiso885914 iso-8859-14 iso-celtic iso-ir-199 iso_8859-14 iso_8859-14:1998 l8 latin8
            ISO-8859-15 csiso885915 iso-8859-15 iso_8859-15 latin-9
            ISO-8859-16 csiso885916 iso-8859-16 iso-ir-226 iso_8859-16 iso_8859-16:2001 l10 latin10
            KOI8-R cskoi8r koi8-r
            KOI8-U cskoi8u koi8-u
            macintosh csmacintosh mac macintosh
            windows-874 cswindows874 windows-874
            windows-1250 cswindows1250 windows-1250
            windows-1251 cswindows1251 windows-1251
            windows-1252 cswindows1252 windows-1252
            windows-1253 cswindows1253 windows-1253
            windows-1254 cswindows1254 windows-1254
            windows-1255 cswindows1255 windows-1255
            windows-1256 cswindows1256 windows-1256
            windows-1257 cswindows1257 windows-1257
            windows-1258 cswindows1258 windows-1258
            Extended_UNIX_Code_Packed_Format_for_Japanese cseucpkdfmtjapanese euc-jp extended_unix_code_packed_format_for_japanese
            ISO-2022-JP csiso2022jp iso-2022-jp
            Shift_JIS csshiftjis ms_kanji shift_jis
            EUC-KR cseuckr euc-kr
            GB18030 csgb18030 gb18030
            GBK cp936 csgbk gbk ms936 windows-936
            HZ-GB-2312 hz-gb-2312
            Big5 big5 csbig5
            """;
    private static final Map<String, String> NAMES = names();

    /** An encoding lbguard implements: the name Terraform's messages give it, and how to code it. */
    private record Encoding(String name, Charset charset, boolean bom) {
    }

    private static final Map<String, Encoding> IMPLEMENTED = Map.of(
            "UTF-8", new Encoding("UTF-8", StandardCharsets.UTF_8, false),
            "UTF-16", new Encoding("UTF-16", StandardCharsets.UTF_16, true),
            "UTF-16BE", new Encoding("UTF-16BE", StandardCharsets.UTF_16BE, false),
            "UTF-16LE", new Encoding("UTF-16LE", StandardCharsets.UTF_16LE, false),
            "US-ASCII", new Encoding("US-ASCII", StandardCharsets.US_ASCII, false),
            "ISO_8859-1:1987", new Encoding("ISO_8859-1:1987", StandardCharsets.ISO_8859_1, false),
            "windows-1252", new Encoding("windows-1252", Charset.forName("windows-1252"), false));

    private static Map<String, String> names() {
        Map<String, String> m = new HashMap<>();
        IANA.lines().map(l -> l.split(" ")).forEach(words -> {
            for (int i = 1; i < words.length; i++) {
                m.put(words[i], words[0]);
            }
        });
        return m;
    }

    static void register(Functions.Registry r) {
        r.strict("base64gzip", 1, 1, args -> {
            Convert.string(args.get(0), "str");
            return Value.Unknown.unevaluable("base64gzip() writes Go's own compressed bytes, which lbguard does not");
        });
        r.strict("textencodebase64", 2, 2, args -> {
            String text = Convert.string(args.get(0), "string");
            Optional<Encoding> e = encoding(Convert.string(args.get(1), "encoding"));
            if (e.isEmpty()) {
                return notImplemented(Convert.string(args.get(1), "encoding"));
            }
            try {
                byte[] bytes;
                if (e.get().bom()) {
                    // x/text writes the byte order mark even before an empty string, Java does not.
                    bytes = withBom(text.getBytes(StandardCharsets.UTF_16BE));
                } else {
                    ByteBuffer encoded = e.get().charset().newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(text));
                    bytes = new byte[encoded.remaining()];
                    encoded.get(bytes);
                }
                return new Value.Str(Base64.getEncoder().encodeToString(bytes));
            } catch (CharacterCodingException ex) {
                throw new EvalException("Invalid value for \"string\" parameter: the given string contains characters"
                        + " that cannot be represented in " + e.get().name() + ".");
            }
        });
        r.strict("textdecodebase64", 2, 2, args -> {
            String source = Convert.string(args.get(0), "source");
            Optional<Encoding> e = encoding(Convert.string(args.get(1), "encoding"));
            if (e.isEmpty()) {
                return notImplemented(Convert.string(args.get(1), "encoding"));
            }
            byte[] bytes = goBase64(source);
            String decoded;
            try {
                decoded = e.get().charset().newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException ex) {
                decoded = "\ufffd";
            }
            if (decoded.indexOf('\ufffd') >= 0) {
                throw new EvalException("Invalid value for \"source\" parameter: the given string contains symbols"
                        + " that are not defined for " + e.get().name() + ".");
            }
            return new Value.Str(Normalizer.normalize(decoded, Normalizer.Form.NFC));
        });
    }

    private static byte[] withBom(byte[] utf16be) {
        byte[] out = new byte[utf16be.length + 2];
        out[0] = (byte) 0xFE;
        out[1] = (byte) 0xFF;
        System.arraycopy(utf16be, 0, out, 2, utf16be.length);
        return out;
    }

    /**
     * The encoding a name (any alias, any case, surrounding white space ignored) names; empty when Terraform
     * supports it but lbguard does not implement it.
     */
    private static Optional<Encoding> encoding(String name) throws EvalException {
        String iana = NAMES.get(name.strip().toLowerCase(Locale.ROOT));
        if (iana == null) {
            throw new EvalException("Invalid value for \"encoding\" parameter: " + GoQuote.quote(name)
                    + " is not a supported IANA encoding name or alias in this Terraform version.");
        }
        return Optional.ofNullable(IMPLEMENTED.get(iana));
    }

    private static Value notImplemented(String name) {
        return Value.Unknown.unevaluable("lbguard does not implement the character encoding " + GoQuote.quote(name)
                + " that Terraform supports");
    }

    /**
     * Go's {@code base64.StdEncoding.DecodeString}: padding required, {@code \r} and {@code \n} skipped, bits
     * after the last byte ignored; an error names the byte offset Go reports.
     */
    static byte[] goBase64(String s) throws EvalException {
        byte[] src = s.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int si = 0;
        while (si < src.length) {
            int[] digits = new int[4];
            int dlen = 4;
            int corrupt = -1;
            for (int j = 0; j < 4; j++) {
                if (si == src.length) {
                    if (j == 0) {
                        return out.toByteArray();
                    }
                    throw corrupt(si - j);
                }
                int in = src[si++] & 0xFF;
                int digit = digit(in);
                if (digit >= 0) {
                    digits[j] = digit;
                    continue;
                }
                if (in == '\n' || in == '\r') {
                    j--;
                    continue;
                }
                if (in != '=' || j < 2) {
                    throw corrupt(si - 1);
                }
                if (j == 2) {
                    while (si < src.length && (src[si] == '\n' || src[si] == '\r')) {
                        si++;
                    }
                    if (si == src.length) {
                        throw corrupt(src.length);
                    }
                    if (src[si] != '=') {
                        throw corrupt(si - 1);
                    }
                    si++;
                }
                while (si < src.length && (src[si] == '\n' || src[si] == '\r')) {
                    si++;
                }
                if (si < src.length) {
                    corrupt = si;
                }
                dlen = j;
                break;
            }
            int val = digits[0] << 18 | digits[1] << 12 | digits[2] << 6 | digits[3];
            for (int k = 0; k < dlen - 1; k++) {
                out.write(val >> (16 - 8 * k) & 0xFF);
            }
            if (corrupt >= 0) {
                throw corrupt(corrupt);
            }
        }
        return out.toByteArray();
    }

    private static int digit(int c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        } else if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        } else if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        return c == '+' ? 62 : c == '/' ? 63 : -1;
    }

    private static EvalException corrupt(int offset) {
        // "is has" is Terraform 1.11's wording.
        return new EvalException("Invalid value for \"source\" parameter: the given value is has an invalid base64"
                + " symbol at offset " + offset + ".");
    }
}
