package io.fleetopt.notifier.aws;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.fleetopt.core.port.GuardAlarm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CloudWatch PutMetricAlarm and DescribeAlarms on the wire (AWS Query protocol, XML answers, in SDK 2.40), against WireMock. */
class CloudWatchAlarmPortTest {

    private static final String CLOUDWATCH_XMLNS = "http://monitoring.amazonaws.com/doc/2010-08-01/";
    private static final String FUNCTION_ARN_PREFIX = "arn:aws:lambda:" + AwsWire.REGION + ":" + AwsWire.ACCOUNT + ":function:";

    @RegisterExtension
    static WireMockExtension cloudWatch = AwsWire.server();

    private CloudWatchAlarmPort port;

    @BeforeEach
    void portPointedAtWireMock() {
        port = new CloudWatchAlarmPort(AwsWire.clients(cloudWatch).cloudWatch(), AwsWire.TOPIC_ARN);
    }

    @AfterEach
    void close() {
        port.close();
    }

    private static GuardAlarm errorsAlarm(String functionName) {
        return new GuardAlarm("fleetopt-" + functionName + "-errors", FUNCTION_ARN_PREFIX + functionName, functionName,
                "AWS/Lambda", "Errors", Map.of("FunctionName", functionName), "Sum", 1, 300, 3,
                "errors after fleetopt changed its memory", null);
    }

    /** A MetricAlarm as DescribeAlarms lists it. */
    private static String metricAlarm(String name, String namespace, String dimensionName, String dimensionValue,
                                      String metricName, String statistic, String threshold, int periodSeconds,
                                      int evaluationPeriods, String description) {
        return """
                <member>
                  <AlarmName>%1$s</AlarmName>
                  <AlarmArn>arn:aws:cloudwatch:%2$s:%3$s:alarm:%1$s</AlarmArn>
                  <AlarmDescription>%4$s</AlarmDescription>
                  <AlarmConfigurationUpdatedTimestamp>2026-11-16T09:12:44.123Z</AlarmConfigurationUpdatedTimestamp>
                  <ActionsEnabled>true</ActionsEnabled>
                  <OKActions/>
                  <AlarmActions><member>%5$s</member></AlarmActions>
                  <InsufficientDataActions/>
                  <StateValue>OK</StateValue>
                  <StateReason>Threshold Crossed: 3 datapoints were not greater than or equal to the threshold.</StateReason>
                  <StateUpdatedTimestamp>2026-11-16T09:20:01.456Z</StateUpdatedTimestamp>
                  <MetricName>%6$s</MetricName>
                  <Namespace>%7$s</Namespace>
                  <Statistic>%8$s</Statistic>
                  <Dimensions><member><Name>%9$s</Name><Value>%10$s</Value></member></Dimensions>
                  <Period>%11$d</Period>
                  <EvaluationPeriods>%12$d</EvaluationPeriods>
                  <Threshold>%13$s</Threshold>
                  <ComparisonOperator>GreaterThanOrEqualToThreshold</ComparisonOperator>
                  <TreatMissingData>notBreaching</TreatMissingData>
                </member>
                """.formatted(name, AwsWire.REGION, AwsWire.ACCOUNT, description, AwsWire.TOPIC_ARN, metricName, namespace,
                statistic, dimensionName, dimensionValue, periodSeconds, evaluationPeriods, threshold);
    }

    private static String describeAlarmsResult(String nextToken, String... metricAlarms) {
        return "<MetricAlarms>" + String.join("", metricAlarms) + "</MetricAlarms><CompositeAlarms/>"
                + (nextToken == null ? "" : "<NextToken>" + nextToken + "</NextToken>");
    }

    @Test
    void putsAMetricAlarmOnTheFunctionThatNotifiesTheTopic() {
        cloudWatch.stubFor(post(urlEqualTo("/")).withFormParam("Action", equalTo("PutMetricAlarm"))
                .willReturn(AwsWire.queryResponse(CLOUDWATCH_XMLNS, "PutMetricAlarm", null)));

        port.putAlarm(errorsAlarm("orders-worker"));

        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("Action", "PutMetricAlarm");
        expected.put("Version", "2010-08-01");
        expected.put("AlarmName", "fleetopt-orders-worker-errors");
        expected.put("AlarmDescription", "errors after fleetopt changed its memory");
        expected.put("ActionsEnabled", "true");
        expected.put("AlarmActions.member.1", AwsWire.TOPIC_ARN);
        expected.put("MetricName", "Errors");
        expected.put("Namespace", "AWS/Lambda");
        expected.put("Statistic", "Sum");
        expected.put("Dimensions.member.1.Name", "FunctionName");
        expected.put("Dimensions.member.1.Value", "orders-worker");
        expected.put("Period", "300");
        expected.put("EvaluationPeriods", "3");
        expected.put("Threshold", "1.0");
        expected.put("ComparisonOperator", "GreaterThanOrEqualToThreshold");
        expected.put("TreatMissingData", "notBreaching");
        expected.put("Tags.member.1.Key", "fleetopt:managed-by");
        expected.put("Tags.member.1.Value", "fleetopt");
        expected.put("Tags.member.2.Key", "fleetopt:function-arn");
        expected.put("Tags.member.2.Value", FUNCTION_ARN_PREFIX + "orders-worker");
        assertEquals(List.of(expected), AwsWire.formRequests(cloudWatch));
    }

    @Test
    void listsFleetoptsAlarmsOverTwoPagesAndFindsTheFunctionArnAgain() {
        cloudWatch.stubFor(post(urlEqualTo("/")).atPriority(5).withFormParam("Action", equalTo("DescribeAlarms"))
                .withFormParam("NextToken", absent())
                .willReturn(AwsWire.queryResponse(CLOUDWATCH_XMLNS, "DescribeAlarms", describeAlarmsResult("page-2-token",
                        metricAlarm("fleetopt-orders-worker-errors", "AWS/Lambda", "FunctionName", "orders-worker",
                                "Errors", "Sum", "1.0", 300, 3, "errors after fleetopt changed its memory"),
                        metricAlarm("fleetopt-dashboard-latency", "MyApp", "Service", "dashboard",
                                "Latency", "Average", "250.0", 60, 5, "someone else's alarm with our prefix")))));
        cloudWatch.stubFor(post(urlEqualTo("/")).atPriority(1).withFormParam("Action", equalTo("DescribeAlarms"))
                .withFormParam("NextToken", equalTo("page-2-token"))
                .willReturn(AwsWire.queryResponse(CLOUDWATCH_XMLNS, "DescribeAlarms", describeAlarmsResult(null,
                        metricAlarm("fleetopt-orders-worker-near-timeout", "AWS/Lambda", "FunctionName", "orders-worker",
                                "Duration", "Maximum", "27000.0", 300, 1, "an invocation ran past 90 % of its 30 s timeout")))));

        List<GuardAlarm> alarms = port.alarms();

        assertEquals(List.of(
                errorsAlarm("orders-worker"),
                new GuardAlarm("fleetopt-orders-worker-near-timeout", FUNCTION_ARN_PREFIX + "orders-worker", "orders-worker",
                        "AWS/Lambda", "Duration", Map.of("FunctionName", "orders-worker"), "Maximum", 27000.0, 300, 1,
                        "an invocation ran past 90 % of its 30 s timeout", null)), alarms);
        List<Map<String, String>> calls = AwsWire.formRequests(cloudWatch);
        assertEquals(Map.of("Action", "DescribeAlarms", "Version", "2010-08-01", "AlarmNamePrefix", "fleetopt-"), calls.get(0));
        assertEquals(Map.of("Action", "DescribeAlarms", "Version", "2010-08-01", "AlarmNamePrefix", "fleetopt-",
                "NextToken", "page-2-token"), calls.get(1));
        assertEquals(2, calls.size());
    }

    @Test
    void putsTheP99AlarmAsAnExtendedStatisticWithTheRunAndTheFunctionAtTheEndOfItsDescription() {
        cloudWatch.stubFor(post(urlEqualTo("/")).withFormParam("Action", equalTo("PutMetricAlarm"))
                .willReturn(AwsWire.queryResponse(CLOUDWATCH_XMLNS, "PutMetricAlarm", null)));

        port.putAlarm(new GuardAlarm("fleetopt-orders-worker-p99-slowdown", FUNCTION_ARN_PREFIX + "orders-worker", "orders-worker",
                "AWS/Lambda", "Duration", Map.of("FunctionName", "orders-worker"), "p99", 1440.0, 3600, 3,
                "duration p99 above 1440.0 ms for 3 hours: more than 20 % over its 1200.0 ms p99 before the change", "2026-11-02-6e56"));

        Map<String, String> call = AwsWire.formRequests(cloudWatch).get(0);
        assertEquals("p99", call.get("ExtendedStatistic"));
        assertEquals(null, call.get("Statistic"), "a percentile is not a Statistic");
        assertEquals("duration p99 above 1440.0 ms for 3 hours: more than 20 % over its 1200.0 ms p99 before the change"
                + " [fleetopt run=2026-11-02-6e56 function=" + FUNCTION_ARN_PREFIX + "orders-worker]", call.get("AlarmDescription"));
        assertEquals("1440.0", call.get("Threshold"));
        assertEquals("3600", call.get("Period"));
        assertEquals("3", call.get("EvaluationPeriods"));
        assertEquals("Duration", call.get("MetricName"));
    }

    @Test
    void putsTheDeadLetterAlarmOnTheQueuesSqsMetricAndTheMemoryAlarmOnLambdaInsights() {
        cloudWatch.stubFor(post(urlEqualTo("/")).withFormParam("Action", equalTo("PutMetricAlarm"))
                .willReturn(AwsWire.queryResponse(CLOUDWATCH_XMLNS, "PutMetricAlarm", null)));

        port.putAlarm(new GuardAlarm("fleetopt-orders-worker-dlq-depth", FUNCTION_ARN_PREFIX + "orders-worker", "orders-worker",
                "AWS/SQS", "ApproximateNumberOfMessagesVisible", Map.of("QueueName", "orders-dlq"), "Maximum", 1, 300, 1,
                "messages in its dead-letter queue orders-dlq after fleetopt changed its memory", "r1"));
        port.putAlarm(new GuardAlarm("fleetopt-orders-worker-max-memory", FUNCTION_ARN_PREFIX + "orders-worker", "orders-worker",
                "LambdaInsights", "used_memory_max", Map.of("function_name", "orders-worker"), "Maximum", 486, 300, 1,
                "max memory used reached 95 % of its 512 MB (Lambda Insights)", "r1"));

        List<Map<String, String>> calls = AwsWire.formRequests(cloudWatch);
        assertEquals(List.of("AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", "orders-dlq", "Maximum", "1.0"),
                List.of(calls.get(0).get("Namespace"), calls.get(0).get("MetricName"), calls.get(0).get("Dimensions.member.1.Name"),
                        calls.get(0).get("Dimensions.member.1.Value"), calls.get(0).get("Statistic"), calls.get(0).get("Threshold")));
        assertEquals(List.of("LambdaInsights", "used_memory_max", "function_name", "orders-worker", "Maximum", "486.0"),
                List.of(calls.get(1).get("Namespace"), calls.get(1).get("MetricName"), calls.get(1).get("Dimensions.member.1.Name"),
                        calls.get(1).get("Dimensions.member.1.Value"), calls.get(1).get("Statistic"), calls.get(1).get("Threshold")));
    }

    @Test
    void readsTheRunAndTheFunctionOfALabelledAlarmBackFromItsDescription() {
        cloudWatch.stubFor(post(urlEqualTo("/")).willReturn(AwsWire.queryResponse(CLOUDWATCH_XMLNS, "DescribeAlarms",
                describeAlarmsResult(null, metricAlarm("fleetopt-orders-worker-dlq-depth", "AWS/SQS", "QueueName", "orders-dlq",
                        "ApproximateNumberOfMessagesVisible", "Maximum", "1.0", 300, 1,
                        "messages in its dead-letter queue [fleetopt run=r1 function=" + FUNCTION_ARN_PREFIX + "orders-worker]")))));

        GuardAlarm alarm = port.alarms().get(0);

        assertEquals(List.of(FUNCTION_ARN_PREFIX + "orders-worker", "orders-worker", "r1", "messages in its dead-letter queue",
                "AWS/SQS", Map.of("QueueName", "orders-dlq")), List.of(alarm.functionArn(), alarm.functionName(), alarm.runId(),
                alarm.reason(), alarm.namespace(), alarm.dimensions()));
    }

    @Test
    void rejectsAnAlarmWhoseArnIsNotACloudWatchAlarmArn() {
        cloudWatch.stubFor(post(urlEqualTo("/")).willReturn(AwsWire.queryResponse(CLOUDWATCH_XMLNS, "DescribeAlarms",
                describeAlarmsResult(null, metricAlarm("fleetopt-orders-worker-errors", "AWS/Lambda", "FunctionName",
                        "orders-worker", "Errors", "Sum", "1.0", 300, 3, "errors")
                        .replace("arn:aws:cloudwatch:", "not-an-arn:")))));

        AwsCallException e = assertThrows(AwsCallException.class, port::alarms);

        assertTrue(e.getMessage().startsWith("could not list the CloudWatch alarms named fleetopt-...: the response gives "
                + "alarm fleetopt-orders-worker-errors the ARN \"not-an-arn:"), e.getMessage());
    }

    @Test
    void turnsAnAccessDeniedIntoAnErrorNamingTheAlarmTheTopicAndThePermissions() {
        cloudWatch.stubFor(post(urlEqualTo("/")).willReturn(AwsWire.queryError(CLOUDWATCH_XMLNS, 403, "Sender", "AccessDenied",
                "User: arn:aws:sts::123456789012:assumed-role/fleetopt-notifier/fn is not authorized to perform: "
                        + "cloudwatch:PutMetricAlarm")));

        AwsCallException e = assertThrows(AwsCallException.class, () -> port.putAlarm(errorsAlarm("orders-worker")));

        assertTrue(e.getMessage().startsWith("could not put the CloudWatch alarm fleetopt-orders-worker-errors on orders-worker "
                + "(notifying " + AwsWire.TOPIC_ARN + "): AccessDenied (HTTP 403): User: "), e.getMessage());
        assertTrue(e.getMessage().contains("allow cloudwatch:PutMetricAlarm and cloudwatch:TagResource to the role"), e.getMessage());
    }
}
