package io.fleetopt.cli;

import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.model.Plan;
import io.fleetopt.core.model.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code fleetopt plan --demo}: every function of the demo account is accounted for, and the run's own cost is printed. */
class PlanAccountingOnDemoTest {

    @TempDir
    Path stateDir;

    private CliAcceptanceTest.Result fleetopt(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = FleetoptCommand.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new ByteArrayInputStream(new byte[0]));
        return new CliAcceptanceTest.Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void accountsForEveryDemoFunctionAndTheCountsAddUpToTheFleet() {
        CliAcceptanceTest.Result json = fleetopt("plan", "--demo", "--state-dir", stateDir.toString(), "--output", "json");
        assertEquals(0, json.exitCode(), json.err());
        Plan plan;
        try (DocumentCodec codec = new DocumentCodec()) {
            plan = codec.read(json.out(), Plan.class, "stdout");
        }
        assertEquals(36, plan.verdicts().size(), "the demo account's 36 functions");
        assertEquals(36, plan.count(Verdict.ITEMS) + plan.count(Verdict.LEFT_ALONE) + plan.count(Verdict.NOTHING_TO_CHANGE));

        CliAcceptanceTest.Result table = fleetopt("plan", "--demo", "--state-dir", stateDir.toString());
        assertEquals(0, table.exitCode(), table.err());
        assertTrue(table.out().contains("Accounted for 36 functions: " + plan.count(Verdict.ITEMS) + " with items"), table.out());
        assertTrue(table.out().contains("\nNOTHING TO CHANGE\n"), table.out());
        assertTrue(table.out().contains("Optimizer's own cost of a weekly run: $"), table.out());
        CliAcceptanceTest.Result collect = fleetopt("collect", "--demo", "--state-dir", stateDir.toString());
        assertTrue(collect.out().contains("Optimizer's own cost of a weekly run: $"), collect.out());
    }
}
