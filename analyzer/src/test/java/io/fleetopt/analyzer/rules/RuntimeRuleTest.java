package io.fleetopt.analyzer.rules;

import io.fleetopt.analyzer.Analysis;
import io.fleetopt.analyzer.AnalyzerPolicy;
import io.fleetopt.analyzer.SnapshotBuilder;
import io.fleetopt.core.model.Action;
import io.fleetopt.core.model.FunctionProfile;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.model.Risk;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.Optional;

import static io.fleetopt.analyzer.ProfileBuilder.function;
import static org.junit.jupiter.api.Assertions.assertEquals;

class RuntimeRuleTest {

    private final RuntimeRule rule = new RuntimeRule();

    @ParameterizedTest(name = "{0} on {1} -> {2}")
    @CsvSource(nullValues = "none", value = {
            "python3.9,  2026-11-02, HIGH",
            "dotnet8,    2026-11-02, MEDIUM",   // 8 days before end of support
            "dotnet8,    2026-11-10, HIGH",     // the day itself
            "nodejs22.x, 2026-11-01, MEDIUM",   // exactly 180 days before 2027-04-30
            "nodejs22.x, 2026-10-31, none",     // 181 days before
            "nodejs24.x, 2026-11-02, none",
            "python3.13, 2026-11-02, none",
    })
    void ratesARuntimeByHowCloseItIsToEndOfSupport(String runtime, String day, Risk risk) {
        FunctionProfile f = function("f").runtime(runtime).build();
        Optional<Recommendation> item = Analysis.evaluate(rule, f, AnalyzerPolicy.defaults(),
                SnapshotBuilder.snapshot().with(f).collectedAt(Instant.parse(day + "T06:00:00Z")).build());
        assertEquals(Optional.ofNullable(risk), item.map(Recommendation::risk));
        item.ifPresent(i -> assertEquals(Action.REPORT_ONLY, i.action()));
    }

}
