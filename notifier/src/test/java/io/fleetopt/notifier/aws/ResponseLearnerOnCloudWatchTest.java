package io.fleetopt.notifier.aws;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.fleetopt.core.model.Confidence;
import io.fleetopt.core.model.LearnedResponse;
import io.fleetopt.core.model.LearnedResponses;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.port.LedgerAction;
import io.fleetopt.core.port.LedgerEntry;
import io.fleetopt.core.pricing.DurationModel;
import io.fleetopt.core.pricing.Pricing;
import io.fleetopt.notifier.LearningPolicy;
import io.fleetopt.notifier.ResponseLearner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The measurement of a memory change read from CloudWatch on the wire (GetMetricData, AWS Query protocol, XML
 * answers), against WireMock: the week before the change and the days after it, one call each for all the
 * functions the run changed, throttling retried.
 */
class ResponseLearnerOnCloudWatchTest {

    private static final String XMLNS = "http://monitoring.amazonaws.com/doc/2010-08-01/";
    private static final String PREFIX = "arn:aws:lambda:" + AwsWire.REGION + ":" + AwsWire.ACCOUNT + ":function:";
    private static final LocalDate CHANGED = LocalDate.of(2026, 11, 2);

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

    private static String result(String id, int days, double... values) {
        String members = IntStream.range(0, values.length).mapToObj(i -> "<member>" + values[i] + "</member>").collect(Collectors.joining());
        String timestamps = IntStream.range(0, values.length).mapToObj(i -> "<member>" + CHANGED.plusDays(i) + "T00:00:00Z</member>")
                .collect(Collectors.joining());
        return "<member><Id>" + id + "</Id><Label>" + id + "</Label><Timestamps>" + timestamps + "</Timestamps><Values>" + members
                + "</Values><StatusCode>Complete</StatusCode></member>";
    }

    /** One function's week: invocations a day, then the range's average, p50 and p99 duration. */
    private static String week(int index, int days, double averageMs) {
        double[] daily = IntStream.range(0, days).mapToDouble(i -> 20_000).toArray();
        return "<MetricDataResults>" + result("i" + index, days, daily) + result("a" + index, days, averageMs)
                + result("m" + index, days, averageMs * 0.9) + result("n" + index, days, averageMs * 1.9)
                + "</MetricDataResults><Messages/>";
    }

    @Test
    void measuresTheChangeFromTheWeekBeforeAndTheDaysAfter() {
        double afterMs = new DurationModel(0.3, 2048).durationMs(250, 1024);
        cloudWatch.stubFor(post(urlEqualTo("/")).atPriority(1).withRequestBody(containing("StartTime=2026-10-26T00%3A00%3A00Z"))
                .willReturn(AwsWire.queryResponse(XMLNS, "GetMetricData", week(0, 7, 250))));
        cloudWatch.stubFor(post(urlEqualTo("/")).atPriority(1).withRequestBody(containing("StartTime=2026-11-03T00%3A00%3A00Z"))
                .inScenario("throttled").whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(AwsWire.queryError(XMLNS, 400, "Sender", "Throttling", "Rate exceeded")).willSetStateTo("calm"));
        cloudWatch.stubFor(post(urlEqualTo("/")).atPriority(1).withRequestBody(containing("StartTime=2026-11-03T00%3A00%3A00Z"))
                .inScenario("throttled").whenScenarioStateIs("calm")
                .willReturn(AwsWire.queryResponse(XMLNS, "GetMetricData", week(0, 6, afterMs))));
        LedgerEntry change = new LedgerEntry("r1", "memory-1", PREFIX + "resizer", "resizer", RecommendationKind.MEMORY,
                LedgerAction.APPLIED, "2048", "1024", "ana", CHANGED.atTime(6, 0).toInstant(ZoneOffset.UTC), BigDecimal.TEN, "r2");
        ResponseLearner learner = new ResponseLearner(usage, Pricing.standard(), run -> Optional.empty(), LearningPolicy.defaults(),
                Clock.fixed(CHANGED.plusDays(7).atTime(6, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC));

        ResponseLearner.Learning learning = learner.learn("r2", List.of(change), LearnedResponses.none());

        LearnedResponse learned = learning.learnedNow().getFirst();
        assertEquals(0.3, learned.cpuShare(), 1e-6);
        assertEquals(Confidence.HIGH, learned.confidence());
        assertEquals(140_000, learned.before().invocations());
        assertEquals(120_000, learned.after().invocations());
        assertEquals(250 * 1.9, learned.before().durationP99Ms(), 1e-9);
        List<Map<String, String>> calls = AwsWire.formRequests(cloudWatch);
        assertEquals(List.of("2026-10-26T00:00:00Z/2026-11-02T00:00:00Z", "2026-11-03T00:00:00Z/2026-11-09T00:00:00Z",
                        "2026-11-03T00:00:00Z/2026-11-09T00:00:00Z"),
                calls.stream().map(c -> c.get("StartTime") + "/" + c.get("EndTime")).toList(), "the throttled read is retried");
        assertEquals("resizer", calls.getFirst().get("MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.1.Value"));
        assertEquals(8L, learning.metricsRead(), "four metrics a function, for each of the two ranges");
    }
}
