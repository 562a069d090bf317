package dev.lbguard.source.terraform.functions;

import dev.lbguard.source.value.EvalException;
import java.util.Map;

/** Go's {@code time.ParseDuration}, which {@code timeadd} reads its duration with. */
final class GoDuration {
    private GoDuration() {
    }

    private static final Map<String, Long> UNITS = Map.of("ns", 1L, "us", 1_000L, "\u00b5s", 1_000L,
            "\u03bcs", 1_000L, "ms", 1_000_000L, "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

    /** Go's {@code time.ParseDuration}, in nanoseconds, with its error sentences. */
    static long parse(String orig) throws EvalException {
        String s = orig;
        boolean neg = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            neg = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return 0;
        }
        EvalException invalid = new EvalException("time: invalid duration " + GoQuote.timeQuote(orig));
        if (s.isEmpty()) {
            throw invalid;
        }
        // Unsigned 64-bit arithmetic as in Go, kept below 2^63 + 1 so a long (compared unsigned) holds it.
        long d = 0;
        while (!s.isEmpty()) {
            if (!(s.charAt(0) == '.' || s.charAt(0) >= '0' && s.charAt(0) <= '9')) {
                throw invalid;
            }
            int i = 0;
            long v = 0;
            while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                if (Long.compareUnsigned(v, 922337203685477580L) > 0) {
                    throw invalid;
                }
                v = v * 10 + (s.charAt(i) - '0');
                if (Long.compareUnsigned(v, Long.MIN_VALUE) > 0) {
                    throw invalid;
                }
                i++;
            }
            boolean pre = i > 0;
            s = s.substring(i);
            long frac = 0;
            double scale = 1;
            boolean post = false;
            if (!s.isEmpty() && s.charAt(0) == '.') {
                s = s.substring(1);
                int j = 0;
                boolean overflow = false;
                while (j < s.length() && s.charAt(j) >= '0' && s.charAt(j) <= '9') {
                    if (!overflow) {
                        if (frac > Long.MAX_VALUE / 10) {
                            overflow = true;
                        } else {
                            long y = frac * 10 + (s.charAt(j) - '0');
                            if (y < 0) {
                                overflow = true;
                            } else {
                                frac = y;
                                scale *= 10;
                            }
                        }
                    }
                    j++;
                }
                post = j > 0;
                s = s.substring(j);
            }
            if (!pre && !post) {
                throw invalid;
            }
            int u = 0;
            while (u < s.length() && s.charAt(u) != '.' && !(s.charAt(u) >= '0' && s.charAt(u) <= '9')) {
                u++;
            }
            if (u == 0) {
                throw new EvalException("time: missing unit in duration " + GoQuote.timeQuote(orig));
            }
            String name = s.substring(0, u);
            s = s.substring(u);
            Long unit = UNITS.get(name);
            if (unit == null) {
                throw new EvalException("time: unknown unit " + GoQuote.timeQuote(name) + " in duration "
                        + GoQuote.timeQuote(orig));
            }
            if (Long.compareUnsigned(v, Long.divideUnsigned(Long.MIN_VALUE, unit)) > 0) {
                throw invalid;
            }
            v *= unit;
            if (frac > 0) {
                v += (long) ((double) frac * ((double) unit / scale));
                if (Long.compareUnsigned(v, Long.MIN_VALUE) > 0) {
                    throw invalid;
                }
            }
            d += v;
            if (Long.compareUnsigned(d, Long.MIN_VALUE) > 0) {
                throw invalid;
            }
        }
        if (neg) {
            return -d;
        }
        if (d == Long.MIN_VALUE) {
            throw invalid;
        }
        return d;
    }
}
