package io.fleetopt.cli;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import io.fleetopt.analyzer.rules.MemoryRule;
import io.fleetopt.collector.aws.SimulatedAccountServer;
import io.fleetopt.collector.aws.SimulatedFunction;
import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.model.Action;
import io.fleetopt.core.model.FunctionVerdict;
import io.fleetopt.core.model.Plan;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.model.Verdict;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code fleetopt plan} on an account without Logs Insights (StartQuery denied): REPORT lines come through
 * FilterLogEvents, pages and nextToken in CloudWatch Logs' JSON 1.1. The plan must not cut below a peak that comes
 * late in the window, must account for every function, and must not turn failed metric reads into zeros.
 */
class EvidenceOnAwsTest {

    @TempDir
    Path stateDir;

    private WireMockServer aws;

    @BeforeEach
    void credentials() {
        System.setProperty("aws.accessKeyId", "AKIDTEST");
        System.setProperty("aws.secretAccessKey", "test-secret");
    }

    @AfterEach
    void stop() {
        if (aws != null) {
            aws.stop();
        }
    }

    private void startWithoutLogsInsights(List<SimulatedFunction> fleet) {
        aws = SimulatedAccountServer.start(fleet);
        aws.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("Logs_20140328.StartQuery")).atPriority(1)
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"__type\":\"AccessDeniedException\",\"message\":\"not authorized to perform: logs:StartQuery\"}")));
    }

    private CliAcceptanceTest.Result fleetopt(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = FleetoptCommand.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new ByteArrayInputStream(new byte[0]));
        return new CliAcceptanceTest.Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Plan jsonPlan() {
        CliAcceptanceTest.Result plan = fleetopt("plan", "--region", "us-east-1", "--endpoint-url", aws.baseUrl(),
                "--state-dir", stateDir.toString(), "--output", "json");
        assertEquals(0, plan.exitCode(), plan.err());
        try (DocumentCodec codec = new DocumentCodec()) {
            return codec.read(plan.out(), Plan.class, "stdout");
        }
    }

    private static Optional<Recommendation> memoryItem(Plan plan, String function) {
        return plan.items().stream().filter(i -> i.functionName().equals(function) && i.kind() == RecommendationKind.MEMORY).findFirst();
    }

    @Test
    void neverCutsBelowAPeakOnDayTwelveOfFourteenWhenLogsInsightsIsDenied() {
        startWithoutLogsInsights(List.of(
                SimulatedFunction.busy("peaks-late", 3008, 900, 1000).withPeakOnDay(12),
                SimulatedFunction.busy("too-busy-to-read-whole", 3008, 900, 3000).withPeakOnDay(12)));

        Plan plan = jsonPlan();

        Recommendation exact = memoryItem(plan, "peaks-late").orElseThrow();
        // read whole, so not held back as a sample's cut; at 1,000 invocations a day it saves less than the policy's
        // $1.00 minimum, and is reported for that reason alone
        assertEquals(Action.REPORT_ONLY, exact.action());
        assertTrue(exact.rationale().endsWith("reported, not applied: it saves less than the $1.00/month a memory cut must "
                + "save (fleetopt.analyzer.min-monthly-saving-usd)."), exact.rationale());
        assertTrue(!exact.rationale().contains("lower bound"), exact.rationale());
        // without CPU time, a first step of at most half; the floor (900 MB + 20 % -> 1,088 MB) is where it is heading
        assertEquals(1536, Integer.parseInt(exact.proposedValue()), exact.rationale());
        assertTrue(exact.rationale().contains("a step of at most 50 % toward " + String.format(java.util.Locale.ROOT, "%,d",
                MemoryRule.floorFor(900, 20)) + " MB"), exact.rationale());
        Recommendation sampled = memoryItem(plan, "too-busy-to-read-whole").orElseThrow();
        assertEquals(Action.REPORT_ONLY, sampled.action(), "a sample never cuts: " + sampled.rationale());
        assertTrue(sampled.rationale().contains("a lower bound"), sampled.rationale());
        assertTrue(plan.items().stream().noneMatch(i -> i.kind() == RecommendationKind.MEMORY && i.action() == Action.APPLY
                && Integer.parseInt(i.proposedValue()) < MemoryRule.floorFor(900, 20)));
    }

    @Test
    void accountsForEveryOneOfFourHundredFunctionsWithItsVerdictAndReason() {
        // 40 invocations a day: every function still has 14 days of REPORT lines to read, a tenth as many as 500 a day
        List<SimulatedFunction> fleet = new ArrayList<>();
        for (int i = 0; i < 396; i++) {
            fleet.add(SimulatedFunction.busy(String.format("svc-%05d", i), 512, 200, 40));
        }
        fleet.add(SimulatedFunction.busy("idle", 512, 100, 0));
        fleet.add(SimulatedFunction.busy("young", 512, 100, 500).withDaysOfData(3));
        fleet.add(SimulatedFunction.busy("right-sized", 256, 200, 500));
        fleet.add(SimulatedFunction.busy("skipped", 512, 100, 500).withTags(java.util.Map.of("fleetopt:skip", "true")));
        startWithoutLogsInsights(fleet);

        Plan plan = jsonPlan();

        assertEquals(400, plan.verdicts().size());
        assertEquals(400, plan.count(Verdict.ITEMS) + plan.count(Verdict.LEFT_ALONE) + plan.count(Verdict.NOTHING_TO_CHANGE));
        for (FunctionVerdict verdict : plan.verdicts()) {
            assertTrue(!verdict.detail().isBlank(), verdict.functionName() + " has no reason");
            assertEquals(plan.items().stream().filter(i -> i.functionArn().equals(verdict.functionArn())).count(), verdict.items());
        }
        assertEquals("not invoked in the 14-day window; configuration checked: log retention, dead-letter queue, runtime, architecture",
                verdict(plan, "idle").detail());
        assertEquals(Verdict.LEFT_ALONE, verdict(plan, "skipped").verdict());
        assertTrue(memoryItem(plan, "right-sized").isEmpty(), "200 MB used of 256 MB: no memory to cut");
        assertEquals("memory from every REPORT line of the window, read with FilterLogEvents", verdict(plan, "right-sized").detail());

        CliAcceptanceTest.Result table = fleetopt("plan", "--region", "us-east-1", "--endpoint-url", aws.baseUrl(),
                "--state-dir", stateDir.toString());
        assertEquals(0, table.exitCode(), table.err());
        assertTrue(table.out().contains(String.format("Accounted for 400 functions: %d with items", plan.count(Verdict.ITEMS)))
                && table.out().contains(String.format(", %d left alone, %d with nothing to change; evidence unavailable for 0.",
                plan.count(Verdict.LEFT_ALONE), plan.count(Verdict.NOTHING_TO_CHANGE))), table.out());
        assertTrue(table.out().contains("Optimizer's own cost of a weekly run: $"), table.out());
    }

    @Test
    void reportsFunctionsWhoseMetricsFailedAsEvidenceUnavailableAndFailsOnlyWhenNothingCouldBeRead() {
        aws = SimulatedAccountServer.start(SimulatedAccountServer.busyFleet(520));
        aws.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=GetMetricData"))
                .withRequestBody(containing("Value=svc-00510&")).atPriority(1)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        Plan partial = jsonPlan();
        assertEquals(20, partial.evidenceUnavailable());
        FunctionVerdict failed = verdict(partial, "svc-00510");
        assertEquals(Verdict.LEFT_ALONE, failed.verdict());
        assertTrue(failed.detail().startsWith("evidence unavailable: metrics could not be read (GetMetricData failed"), failed.detail());
        assertTrue(partial.warnings().stream().anyMatch(w -> w.startsWith("evidence unavailable for 20 of 520 functions")),
                partial.warnings().toString());

        aws.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=GetMetricData")).atPriority(1)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        CliAcceptanceTest.Result none = fleetopt("plan", "--region", "us-east-1", "--endpoint-url", aws.baseUrl(),
                "--state-dir", stateDir.toString());
        assertEquals(3, none.exitCode(), none.out() + none.err());
        assertTrue(none.err().contains("the metrics of none of the 520 functions in scope could be read"), none.err());
    }

    private static FunctionVerdict verdict(Plan plan, String name) {
        return plan.verdicts().stream().filter(v -> v.functionName().equals(name)).findFirst().orElseThrow();
    }
}
