package io.fleetopt.notifier.aws;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.fleetopt.core.model.DateRange;
import io.fleetopt.core.model.FunctionUsage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CloudWatch GetMetricData for functions' usage on the wire (AWS Query protocol, XML answers, in SDK 2.40), against WireMock. */
class CloudWatchFunctionUsageTest {

    private static final String XMLNS = "http://monitoring.amazonaws.com/doc/2010-08-01/";
    private static final DateRange WEEK = new DateRange(LocalDate.of(2026, 11, 9), LocalDate.of(2026, 11, 16));
    private static final String PREFIX = "arn:aws:lambda:" + AwsWire.REGION + ":" + AwsWire.ACCOUNT + ":function:";

    @RegisterExtension
    static WireMockExtension cloudWatch = AwsWire.server();

    private CloudWatchFunctionUsage usage;

    @BeforeEach
    void pointedAtWireMock() {
        NotifierClients clients = AwsWire.clients(cloudWatch);
        usage = new CloudWatchFunctionUsage(clients::cloudWatchIn);
    }

    @AfterEach
    void close() {
        usage.close();
    }

    private static String result(String id, double... values) {
        String members = IntStream.range(0, values.length).mapToObj(i -> "<member>" + values[i] + "</member>").collect(Collectors.joining());
        String timestamps = IntStream.range(0, values.length).mapToObj(i -> "<member>" + WEEK.from().plusDays(i) + "T00:00:00Z</member>")
                .collect(Collectors.joining());
        return "<member><Id>" + id + "</Id><Label>" + id + "</Label><Timestamps>" + timestamps + "</Timestamps><Values>" + members
                + "</Values><StatusCode>Complete</StatusCode></member>";
    }

    private static String page(String nextToken, String... results) {
        return "<MetricDataResults>" + String.join("", results) + "</MetricDataResults>"
                + (nextToken == null ? "" : "<NextToken>" + nextToken + "</NextToken>") + "<Messages/>";
    }

    @Test
    void readsDailyInvocationsAndTheWeeksDurationStatisticsFollowingPages() {
        cloudWatch.stubFor(post(urlEqualTo("/")).atPriority(5).withRequestBody(notContaining("NextToken="))
                .willReturn(AwsWire.queryResponse(XMLNS, "GetMetricData", page("more",
                        result("i0", 100_000, 120_000, 0, 110_000, 90_000, 100_000, 80_000),
                        result("a0", 212.5), result("m0", 180.0)))));
        cloudWatch.stubFor(post(urlEqualTo("/")).atPriority(1).withRequestBody(containing("NextToken=more"))
                .willReturn(AwsWire.queryResponse(XMLNS, "GetMetricData", page(null,
                        result("n0", 640.0), result("i1"), result("a1"), result("m1"), result("n1")))));

        List<FunctionUsage> found = usage.usage(List.of(PREFIX + "orders-api", PREFIX + "idle-job"), WEEK);

        assertEquals(new FunctionUsage(PREFIX + "orders-api", WEEK, 6, 600_000, 212.5, 180.0, 640.0), found.get(0));
        assertEquals(FunctionUsage.none(PREFIX + "idle-job", WEEK), found.get(1), "no data is no invocations, never a zero duration");
        Map<String, String> first = AwsWire.formRequests(cloudWatch).getFirst();
        assertEquals("GetMetricData", first.get("Action"));
        assertEquals("2026-11-09T00:00:00Z", first.get("StartTime"));
        assertEquals("2026-11-16T00:00:00Z", first.get("EndTime"));
        assertEquals("i0", first.get("MetricDataQueries.member.1.Id"));
        assertEquals("AWS/Lambda", first.get("MetricDataQueries.member.1.MetricStat.Metric.Namespace"));
        assertEquals("Invocations", first.get("MetricDataQueries.member.1.MetricStat.Metric.MetricName"));
        assertEquals("FunctionName", first.get("MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.1.Name"));
        assertEquals("orders-api", first.get("MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.1.Value"));
        assertEquals("Sum", first.get("MetricDataQueries.member.1.MetricStat.Stat"));
        assertEquals("86400", first.get("MetricDataQueries.member.1.MetricStat.Period"));
        assertEquals("p99", first.get("MetricDataQueries.member.4.MetricStat.Stat"));
        assertEquals("604800", first.get("MetricDataQueries.member.4.MetricStat.Period"), "one statistic over the whole week");
        assertEquals(8, first.keySet().stream().filter(k -> k.matches("MetricDataQueries\\.member\\.\\d+\\.Id")).count());
    }

    @Test
    void asksAtMost500MetricsACall() {
        cloudWatch.stubFor(post(urlEqualTo("/")).willReturn(AwsWire.queryResponse(XMLNS, "GetMetricData", page(null))));
        List<String> arns = IntStream.range(0, 126).mapToObj(i -> PREFIX + "fn-" + i).toList();

        List<FunctionUsage> found = usage.usage(arns, WEEK);

        assertEquals(126, found.size());
        List<Map<String, String>> calls = AwsWire.formRequests(cloudWatch);
        assertEquals(2, calls.size());
        assertEquals(500, calls.get(0).keySet().stream().filter(k -> k.endsWith(".Id")).count());
        assertEquals(4, calls.get(1).keySet().stream().filter(k -> k.endsWith(".Id")).count());
    }

    @Test
    void retriesThrottlingAndReadsEachFunctionInItsOwnRegion() {
        cloudWatch.stubFor(post(urlEqualTo("/")).inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(AwsWire.queryError(XMLNS, 400, "Sender", "Throttling", "Rate exceeded")).willSetStateTo("calm"));
        cloudWatch.stubFor(post(urlEqualTo("/")).inScenario("busy").whenScenarioStateIs("calm")
                .willReturn(AwsWire.queryResponse(XMLNS, "GetMetricData", page(null, result("i0", 10), result("a0", 5.0),
                        result("m0", 4.0), result("n0", 9.0)))));

        FunctionUsage found = usage.usage(List.of("arn:aws:lambda:us-west-2:" + AwsWire.ACCOUNT + ":function:edge"), WEEK).getFirst();

        assertEquals(10, found.invocations());
        assertEquals(2, cloudWatch.getAllServeEvents().size());
        assertTrue(cloudWatch.getAllServeEvents().getFirst().getRequest().getHeader("Authorization").contains("/us-west-2/monitoring/"),
                "signed for the function's region");
    }

    @Test
    void anAccessDeniedNamesThePermission() {
        cloudWatch.stubFor(post(urlEqualTo("/")).willReturn(AwsWire.queryError(XMLNS, 403, "Sender", "AccessDenied",
                "User is not authorized to perform: cloudwatch:GetMetricData")));

        AwsCallException e = assertThrows(AwsCallException.class, () -> usage.usage(List.of(PREFIX + "orders-api"), WEEK));

        assertTrue(e.getMessage().startsWith("could not read the usage of 1 functions for 2026-11-09 to 2026-11-15 from CloudWatch: "
                + "AccessDenied (HTTP 403)"), e.getMessage());
        assertTrue(e.getMessage().contains("allow cloudwatch:GetMetricData to the role fleetopt runs as"), e.getMessage());
    }
}
