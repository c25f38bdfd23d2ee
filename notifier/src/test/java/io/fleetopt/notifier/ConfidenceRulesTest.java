package io.fleetopt.notifier;

import io.fleetopt.core.model.Confidence;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Each thing that makes the comparison less clean lowers the confidence a level (a large traffic shift two). */
class ConfidenceRulesTest {

    @ParameterizedTest(name = "traffic {0}, {1} days, overlapping [{2}], measured ${3}, Cost Explorer ${4}, partly in traffic [{7}] -> {5}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            // traffic | days | overlapping | measured | CE    | expected | notes | partly in traffic
            "0.00      | 7    | -           | 100      | 100   | HIGH     | 1 | -",
            "0.19      | 7    | -           | 100      | 100   | HIGH     | 1 | -",
            "0.20      | 7    | -           | 100      | 100   | MEDIUM   | 2 | -",
            "-0.25     | 7    | -           | 100      | 100   | MEDIUM   | 2 | -",
            "0.50      | 7    | -           | 100      | 100   | LOW      | 2 | -",
            "-0.60     | 7    | -           | 100      | 100   | LOW      | 2 | -",
            "0.00      | 6    | -           | 100      | 100   | MEDIUM   | 2 | -",
            "0.00      | 7    | r0          | 100      | 100   | MEDIUM   | 2 | -",
            "0.00      | 7    | -           | 100      | 125   | HIGH     | 1 | -",
            "0.00      | 7    | -           | 100      | 126   | MEDIUM   | 1 | -",
            "0.00      | 7    | -           | 100      | 74    | MEDIUM   | 1 | -",
            "0.00      | 7    | -           | 2        | 2.90  | HIGH     | 1 | -",
            "0.00      | 7    | -           | 2        | 3.10  | MEDIUM   | 1 | -",
            "0.00      | 7    | -           | 100      | -     | MEDIUM   | 1 | -",
            "0.30      | 5    | r0          | 100      | 200   | LOW      | 4 | -",
            // part of a function's traffic goes through an alias still on a version published before the change
            "0.00      | 7    | -           | 100      | 100   | MEDIUM   | 2 | orders-api",
            "0.50      | 7    | -           | 100      | 100   | LOW      | 3 | orders-api"})
    void lowersTheConfidenceOneLevelPerReason(double traffic, int days, String overlapping, String measured, String costExplorer,
                                              Confidence expected, int notes, String partlyInTraffic) {
        ConfidenceRules.Verdict verdict = ConfidenceRules.judge(new ConfidenceRules.Evidence(true, traffic, days,
                overlapping == null ? List.of() : Arrays.asList(overlapping.split(",")), new BigDecimal(measured), "Cost Explorer",
                costExplorer == null ? null : new BigDecimal(costExplorer), costExplorer == null ? "Cost Explorer has no data" : null,
                List.of(), List.of(), partlyInTraffic == null ? List.of() : List.of(partlyInTraffic)));
        assertEquals(expected, verdict.confidence(), verdict.notes().toString());
        assertEquals(notes, verdict.notes().size(), verdict.notes().toString());
    }

    @ParameterizedTest(name = "Cost Explorer mixed with [{0}], overlapping [{1}] -> {2}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {"r0 | r0 | MEDIUM", "r0 | - | MEDIUM", "r0,r2 | r0 | LOW"})
    void doesNotLowerItTwiceForTheSameOverlappingRun(String mixed, String overlapping, Confidence expected) {
        ConfidenceRules.Verdict verdict = ConfidenceRules.judge(new ConfidenceRules.Evidence(true, 0.0, 7,
                overlapping == null ? List.of() : List.of(overlapping.split(",")), BigDecimal.TEN, "Cost Explorer", null,
                "its account-wide Lambda cost also includes the changes of run " + mixed, List.of(mixed.split(",")), List.of(), List.of()));
        assertEquals(expected, verdict.confidence(), verdict.notes().toString());
    }

    @ParameterizedTest(name = "nothing measured -> LOW")
    @CsvSource({"0.0"})
    void isLowWhenNothingCouldBeMeasured(double traffic) {
        ConfidenceRules.Verdict verdict = ConfidenceRules.judge(new ConfidenceRules.Evidence(false, null, 7, List.of(), BigDecimal.ZERO,
                "Cost Explorer", BigDecimal.ZERO, null, List.of(), List.of(), List.of()));
        assertEquals(Confidence.LOW, verdict.confidence());
        assertEquals(List.of("none of its changes could be measured from the functions' usage, so its realized saving is zero"),
                verdict.notes());
    }

    @ParameterizedTest(name = "functions disagreeing [{0}] -> {1}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {"- | HIGH", "orders-api | MEDIUM", "orders-api,cart | MEDIUM"})
    void lowersItOnceWhenResourceLevelCostsDisagreeWithTheMeasurement(String functions, Confidence expected) {
        ConfidenceRules.Verdict verdict = ConfidenceRules.judge(new ConfidenceRules.Evidence(true, 0.0, 7, List.of(), BigDecimal.TEN,
                "Cost Explorer", BigDecimal.TEN, null, List.of(), functions == null ? List.of() : List.of(functions.split(",")), List.of()));
        assertEquals(expected, verdict.confidence(), verdict.notes().toString());
    }
}
