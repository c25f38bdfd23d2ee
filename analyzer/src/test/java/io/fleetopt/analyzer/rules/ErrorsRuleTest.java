package io.fleetopt.analyzer.rules;

import io.fleetopt.analyzer.Analysis;
import io.fleetopt.core.model.DailyMetrics;
import io.fleetopt.core.model.FunctionProfile;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.model.Risk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.fleetopt.analyzer.ProfileBuilder.LAST_DAY;
import static io.fleetopt.analyzer.ProfileBuilder.function;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ErrorsRuleTest {

    private final ErrorsRule rule = new ErrorsRule();

    private FunctionProfile withDays(long errorsPerThousand, double maxMs) {
        List<DailyMetrics> days = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            days.add(new DailyMetrics(LAST_DAY.minusDays(i), 1_000, i == 0 ? errorsPerThousand : 0, 0, 100.0, i == 0 ? maxMs : 200.0));
        }
        return function("f").timeoutSeconds(30).daily(days).build();
    }

    @ParameterizedTest(name = "{0} errors in 1,000 on one day, max {1} ms -> {2}")
    @CsvSource(nullValues = "none", value = {
            "100, 200,   none",    // exactly 10 %: not more
            "101, 200,   MEDIUM",
            "0,   29700, MEDIUM",  // reached 99 % of the 30 s timeout
            "0,   29699, none",
    })
    void reportsDaysWithMoreThanTenPercentErrorsOrTimeouts(long errors, double maxMs, Risk risk) {
        assertEquals(Optional.ofNullable(risk), Analysis.evaluate(rule, withDays(errors, maxMs)).map(Recommendation::risk));
    }

    @Test
    void ratesItHighWhenHalfTheDaysAreBad() {
        List<DailyMetrics> days = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            days.add(new DailyMetrics(LAST_DAY.minusDays(i), 1_000, i % 2 == 0 ? 200 : 0, 0, 100.0, 200.0));
        }
        assertEquals(Risk.HIGH, Analysis.evaluate(rule, function("f").daily(days).build()).orElseThrow().risk());
    }

}
