package io.fleetopt.infra;

import io.fleetopt.notifier.ReportKeys;
import io.fleetopt.notifier.aws.CloudWatchFunctionUsage;
import io.fleetopt.notifier.aws.CostExplorerCostHistory;
import io.fleetopt.notifier.aws.S3PresignedReportLinks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the savings check and the weekly report may do: what their adapters declare, on the resources they use. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SavingsReportGrantsTest {

    private SynthesizedStack synth;

    @BeforeAll
    void synthesize(@TempDir Path workDir) {
        synth = SynthesizedStack.of(FleetoptSettings.defaults(List.of("finops@example.com")), workDir);
    }

    private List<Map<String, Object>> statements(String role, String sid) {
        return synth.statementsOfRole(role).stream().filter(s -> sid.equals(s.get("Sid"))).toList();
    }

    @Test
    void theSavingsCheckMayReadCostExplorerAndTheUsageMetricsItsAdaptersDeclare() {
        Map<String, Object> reads = statements("VerifyEarlierChangesRole", "CostAndUsageReads").getFirst();
        List<String> declared = new java.util.ArrayList<>(CostExplorerCostHistory.IAM_ACTIONS);
        declared.addAll(CloudWatchFunctionUsage.IAM_ACTIONS);
        assertEquals(declared, SynthesizedStack.actions(reads));
        assertEquals("*", reads.get("Resource"), "neither action has a resource type");
        Map<String, Object> latest = statements("VerifyEarlierChangesRole", "LatestSavingsReport").getFirst();
        assertEquals(List.of("s3:GetObject", "s3:PutObject"), SynthesizedStack.actions(latest));
        assertEquals(ReportKeys.LATEST_SAVINGS, FleetoptStack.LATEST_SAVINGS_KEY);
        assertTrue(latest.get("Resource").toString().contains("/" + ReportKeys.LATEST_SAVINGS), latest.toString());
    }

    @Test
    void theSummariesMayStoreTheReportAndReadItForTheirLinkButNothingElseNew() {
        for (String role : List.of("NotifySummaryRole", "NotifyNoChangesRole")) {
            Map<String, Object> write = statements(role, "WriteWeeklyReport").getFirst();
            assertEquals(List.of("s3:PutObject"), SynthesizedStack.actions(write));
            assertTrue(write.get("Resource").toString().contains("/runs/*/report.*"), write.toString());
            List<String> actions = synth.statementsOfRole(role).stream().flatMap(s -> SynthesizedStack.actions(s).stream()).toList();
            assertTrue(actions.containsAll(S3PresignedReportLinks.IAM_ACTIONS), "the presigned link reads with the role: " + actions);
            assertFalse(actions.contains("ce:GetCostAndUsage"), "the summaries make no paid Cost Explorer calls");
        }
    }
}
