package io.fleetopt.infra;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.services.cloudwatch.CfnDashboard;
import software.constructs.IConstruct;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Operating fleetopt itself: every function logs JSON and knows its stage; the dashboard shows the runs and links the alarms. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperationsDashboardTest {

    private SynthesizedStack synth;
    private String dashboardBody;

    @BeforeAll
    void synthesize(@TempDir Path workDir) {
        synth = SynthesizedStack.of(FleetoptSettings.defaults(List.of("ops@example.com")), workDir);
        Map<String, Map<String, Object>> dashboards = synth.resources("AWS::CloudWatch::Dashboard");
        assertEquals(1, dashboards.size(), dashboards.keySet().toString());
        dashboardBody = synth.stack.resolve(SynthesizedStack.properties(dashboards.values().iterator().next())
                .get("DashboardBody")).toString();
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyFunctionLogsInLambdasJsonFormatAtInfoAndKnowsItsStage() {
        Map<String, Map<String, Object>> functions = synth.resources("AWS::Lambda::Function");
        assertEquals(FleetoptStack.allFunctions().size() + 1, functions.size());
        for (Map<String, Object> function : functions.values()) {
            Map<String, Object> properties = SynthesizedStack.properties(function);
            Map<String, Object> logging = (Map<String, Object>) properties.get("LoggingConfig");
            String name = String.valueOf(properties.get("FunctionName"));
            assertEquals("JSON", logging.get("LogFormat"), name);
            assertEquals("INFO", logging.get("ApplicationLogLevel"), name);
            assertEquals("INFO", logging.get("SystemLogLevel"), name);
            assertTrue(logging.containsKey("LogGroup"), name + " keeps its own log group");
            Map<String, Object> variables = (Map<String, Object>) ((Map<String, Object>) properties.get("Environment")).get("Variables");
            assertEquals(name.substring("fleetopt-".length()), variables.get("FLEETOPT_STAGE"), name);
        }
    }

    @Test
    void theDashboardShowsTheWeeklyRunsOutcomeOverTime() {
        for (String metric : List.of("ExecutionsSucceeded", "ExecutionsFailed", "ExecutionsTimedOut", "ExecutionsAborted")) {
            assertTrue(dashboardBody.contains("\"AWS/States\",\"" + metric + "\""), metric + " in " + dashboardBody);
        }
    }

    @Test
    void theDashboardShowsEstimatedAgainstRealizedSavingsAndTheRunsFiguresFromTheStagesEmfMetrics() {
        for (String metricAndStage : List.of("EstimatedMonthlySavingsUsd\",\"Stage\",\"Analyze",
                "RealizedMonthlySavingsUsd\",\"Stage\",\"VerifyEarlierChanges", "RunCostUsd\",\"Stage\",\"Analyze",
                "FunctionsCollected\",\"Stage\",\"Collect", "EvidenceUnavailable\",\"Stage\",\"Collect",
                "ItemsApproved\",\"Stage\",\"ReviewEndpoint", "ItemsApplied\",\"Stage\",\"RecordApplyResult",
                "ItemsFailed\",\"Stage\",\"RecordApplyResult", "ItemsSkippedByGuard\",\"Stage\",\"RecordApplyResult")) {
            assertTrue(dashboardBody.contains("[\"fleetopt\",\"" + metricAndStage + "\""), metricAndStage + " in " + dashboardBody);
        }
    }

    @Test
    void theDashboardShowsEveryFunctionsDurationAndErrors() {
        assertEquals(FleetoptStack.allFunctions().size() + 1, count("\"AWS/Lambda\",\"Duration\""));
        assertEquals(FleetoptStack.allFunctions().size() + 1, count("\"AWS/Lambda\",\"Errors\""));
    }

    @Test
    void theDashboardLinksEveryAlarmOnFleetoptsOwnFailures() {
        Map<String, Map<String, Object>> alarms = synth.resources("AWS::CloudWatch::Alarm");
        assertTrue(alarms.size() >= FleetoptStack.FUNCTIONS.size() + 3, alarms.keySet().toString());
        assertTrue(dashboardBody.contains("\"type\":\"alarm\""), dashboardBody);
        List<String> notLinked = new ArrayList<>();
        for (String alarm : alarms.keySet()) {
            if (!dashboardBody.contains(alarm)) {
                notLinked.add(alarm);
            }
        }
        assertEquals(List.of(), notLinked, "alarms missing from the dashboard's alarm status widget");
    }

    @Test
    void theStackOutputsTheDashboardsName() {
        assertTrue(synth.template.toJSON().toString().contains("DashboardName"));
        List<IConstruct> dashboards = synth.stack.getNode().findAll().stream().filter(c -> c instanceof CfnDashboard).toList();
        assertEquals(1, dashboards.size());
    }

    private int count(String needle) {
        int n = 0;
        for (int at = dashboardBody.indexOf(needle); at >= 0; at = dashboardBody.indexOf(needle, at + 1)) {
            n++;
        }
        return n;
    }
}
