package dev.lbguard.source.terraform.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbguard.source.terraform.eval.BinaryFloat;
import dev.lbguard.source.value.Convert;
import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The expected digits are what terraform 1.x puts in plan JSON for {@code output "x" { value = A / B }}. */
class BinaryFloatTest {

    @ParameterizedTest
    @CsvSource({
            "1, 3, 0.33333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333335",
            "2, 3, 0.6666666666666666666666666666666666666666666666666666666666666666666666666666666666666666666666666666666666666666666666666666666666666666666666666666666667",
            "10, 4, 2.5",
            "1e20, 3, 33333333333333333333.333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333334",
            "-7, 9, -0.7777777777777777777777777777777777777777777777777777777777777777777777777777777777777777777777777777777777777777777777777777777777777777777777777777777778",
            "1, 7, 0.14285714285714285714285714285714285714285714285714285714285714285714285714285714285714285714285714285714285714285714285714285714285714285714285714285714285",
            "22, 7, 3.1428571428571428571428571428571428571428571428571428571428571428571428571428571428571428571428571428571428571428571428571428571428571428571428571428571428",
            "0.0009765625, 3, 0.00032552083333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333335",
            "1, 10, 0.1",
            "6, -3, -2",
    })
    void quotientsPrintAsTerraformPrintsThem(String a, String b, String terraform) {
        BigDecimal q = BinaryFloat.divide(new BigDecimal(a), new BigDecimal(b));
        assertThat(Convert.numberToString(q)).isEqualTo(terraform);
    }

    @ParameterizedTest
    @CsvSource({"1, 3", "2, 3", "1e20, 3", "1, 7", "5, 11"})
    void theShortestDecimalRoundsBackToTheSameFloat(String a, String b) {
        BigDecimal q = BinaryFloat.quotient(new BigDecimal(a), new BigDecimal(b));
        BigDecimal again = BinaryFloat.quotient(q, BigDecimal.ONE);
        assertThat(again).isEqualByComparingTo(q);
        // One digit fewer would no longer read back as the same float.
        BigDecimal shorter = q.round(new java.math.MathContext(q.precision() - 1, java.math.RoundingMode.HALF_EVEN));
        assertThat(BinaryFloat.quotient(shorter, BigDecimal.ONE)).isNotEqualByComparingTo(q);
    }
}
