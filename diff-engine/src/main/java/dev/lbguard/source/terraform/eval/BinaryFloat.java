package dev.lbguard.source.terraform.eval;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Terraform's number arithmetic where it is not exact: cty keeps numbers as Go {@code big.Float}s of 512 bits,
 * rounds a quotient such as {@code 1/3} to 512 significant bits and prints it (in plans and in string templates)
 * with {@code Text('f', -1)}, the shortest decimal that reads back as the same 512-bit float. lbguard keeps
 * numbers as exact decimals, so it stores that shortest decimal: reading it back gives Terraform's float, so
 * nothing is lost, and every printer then shows what Terraform shows.
 */
final class BinaryFloat {
    /** cty parses numbers with {@code big.ParseFloat(s, 10, 512, big.ToNearestEven)}. */
    static final int PRECISION = 512;

    private BinaryFloat() {
    }

    /**
     * {@code a / b} as Terraform computes it: exact when the quotient is a terminating decimal (then, having fewer
     * than 155 or so digits in practice, it is also what Terraform prints), otherwise rounded to 512 bits.
     */
    static BigDecimal divide(BigDecimal a, BigDecimal b) {
        try {
            return a.divide(b);
        } catch (ArithmeticException nonTerminating) {
            return quotient(a, b);
        }
    }

    /** The shortest decimal that rounds to the same 512-bit float as the exact quotient {@code a / b}. */
    static BigDecimal quotient(BigDecimal a, BigDecimal b) {
        // a / b = (ua * 10^sb) / (ub * 10^sa) for a = ua * 10^-sa and b = ub * 10^-sb.
        BigInteger num = a.unscaledValue().abs();
        BigInteger den = b.unscaledValue().abs();
        int scale = a.scale() - b.scale();
        if (scale > 0) {
            den = den.multiply(BigInteger.TEN.pow(scale));
        } else if (scale < 0) {
            num = num.multiply(BigInteger.TEN.pow(-scale));
        }
        if (num.signum() == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal magnitude = shortest(num, den);
        return a.signum() * b.signum() < 0 ? magnitude.negate() : magnitude;
    }

    /** Rounds {@code num / den} (positive) to 512 bits, half to even, then finds the shortest decimal for it. */
    static BigDecimal shortest(BigInteger num, BigInteger den) {
        int e = num.bitLength() - den.bitLength() - PRECISION;
        BigInteger[] qr = divideScaled(num, den, e);
        // The first guess of the exponent is off by at most one: the mantissa must have exactly 512 bits.
        if (qr[0].bitLength() > PRECISION) {
            e++;
            qr = divideScaled(num, den, e);
        } else if (qr[0].bitLength() < PRECISION) {
            e--;
            qr = divideScaled(num, den, e);
        }
        BigInteger m = qr[0];
        BigInteger twiceRemainder = qr[1].shiftLeft(1);
        BigInteger divisor = e >= 0 ? den.shiftLeft(e) : den;
        int cmp = twiceRemainder.compareTo(divisor);
        if (cmp > 0 || cmp == 0 && m.testBit(0)) {
            m = m.add(BigInteger.ONE);
            if (m.bitLength() > PRECISION) {
                m = m.shiftRight(1);
                e++;
            }
        }
        return shortestDecimal(m, e);
    }

    /** floor and remainder of {@code num / (den * 2^e)}. */
    private static BigInteger[] divideScaled(BigInteger num, BigInteger den, int e) {
        return e >= 0 ? num.divideAndRemainder(den.shiftLeft(e)) : num.shiftLeft(-e).divideAndRemainder(den);
    }

    /**
     * Go's {@code big.Float} shortest decimal for {@code m * 2^e} with a 512-bit mantissa {@code m}, step by step
     * as in {@code math/big/ftoa.go}, including its digit-by-digit comparison with the half-ulp bounds.
     */
    static BigDecimal shortestDecimal(BigInteger m, int e) {
        Digits d = Digits.of(m, e);
        Digits lower = Digits.of(m.shiftLeft(1).subtract(BigInteger.ONE), e - 1);
        Digits upper = Digits.of(m.shiftLeft(1).add(BigInteger.ONE), e - 1);
        boolean inclusive = !m.testBit(0);
        for (int i = 0; i < d.mant.length(); i++) {
            char digit = d.mant.charAt(i);
            char l = lower.at(i);
            char u = upper.at(i);
            boolean okDown = l != digit || inclusive && i + 1 == lower.mant.length();
            boolean okUp = digit != u && (inclusive || digit + 1 < u || i + 1 < upper.mant.length());
            if (okDown && okUp) {
                return d.round(i + 1).value();
            } else if (okDown) {
                return d.roundDown(i + 1).value();
            } else if (okUp) {
                return d.roundUp(i + 1).value();
            }
        }
        return d.value();
    }

    /**
     * Go's {@code decimal}: the value {@code 0.mant * 10^exp}, with no leading or trailing zero digits.
     *
     * @param mant the significant digits
     * @param exp  the position of the decimal point relative to the first digit
     */
    private record Digits(String mant, int exp) {
        static Digits of(BigInteger m, int e) {
            BigDecimal exact = e >= 0 ? new BigDecimal(m.shiftLeft(e))
                    : new BigDecimal(m.multiply(BigInteger.valueOf(5).pow(-e)), -e);
            return of(exact);
        }

        static Digits of(BigDecimal exact) {
            if (exact.signum() == 0) {
                return new Digits("", 0);
            }
            BigDecimal stripped = exact.stripTrailingZeros();
            String digits = stripped.unscaledValue().toString();
            return new Digits(digits, digits.length() - stripped.scale());
        }

        char at(int i) {
            return i >= 0 && i < mant.length() ? mant.charAt(i) : '0';
        }

        BigDecimal value() {
            return mant.isEmpty() ? BigDecimal.ZERO : new BigDecimal(new BigInteger(mant), mant.length() - exp);
        }

        Digits round(int n) {
            return shouldRoundUp(n) ? roundUp(n) : roundDown(n);
        }

        private boolean shouldRoundUp(int n) {
            if (mant.charAt(n) == '5' && n + 1 == mant.length()) {
                // Exactly halfway: round to even.
                return n > 0 && (mant.charAt(n - 1) - '0') % 2 != 0;
            }
            return mant.charAt(n) >= '5';
        }

        Digits roundUp(int n) {
            if (n < 0 || n >= mant.length()) {
                return this;
            }
            int k = n;
            while (k > 0 && mant.charAt(k - 1) >= '9') {
                k--;
            }
            if (k == 0) {
                return new Digits("1", exp + 1);
            }
            return new Digits(mant.substring(0, k - 1) + (char) (mant.charAt(k - 1) + 1), exp);
        }

        Digits roundDown(int n) {
            if (n < 0 || n >= mant.length()) {
                return this;
            }
            return of(new Digits(mant.substring(0, n), exp).value());
        }
    }
}
