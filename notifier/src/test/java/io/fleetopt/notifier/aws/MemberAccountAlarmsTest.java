package io.fleetopt.notifier.aws;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.fleetopt.aws.AwsClientSettings;
import io.fleetopt.aws.AwsClients;
import io.fleetopt.aws.MemberRoleDeniedException;
import io.fleetopt.core.port.GuardAlarm;
import io.fleetopt.notifier.MemberAlarmPorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A member account's guard alarms on the wire: STS (query protocol, XML answers) assumes the member role of the
 * account with the external id, in the function's region; CloudWatch (AWS Query protocol in SDK 2.40, as
 * {@link CloudWatchAlarmPortTest} answers it) then gets PutMetricAlarm signed with the assumed credentials, retried
 * when it is throttled, and with no alarm action.
 */
class MemberAccountAlarmsTest {

    private static final String CLOUDWATCH_XMLNS = "http://monitoring.amazonaws.com/doc/2010-08-01/";
    private static final String MEMBER = "210987654321";
    private static final String ARN = "arn:aws:lambda:eu-west-1:" + MEMBER + ":function:orders-api";

    @RegisterExtension
    static WireMockExtension aws = AwsWire.server();

    private AwsClients clients;

    @BeforeEach
    void clientsOfTheManagementAccount() {
        aws.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=AssumeRole")).withRequestBody(containing(MEMBER))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody(resource("AssumeRole.xml"))));
        aws.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=AssumeRole")).withRequestBody(containing("444455556666"))
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "text/xml").withBody(resource("AssumeRole-AccessDenied.xml"))));
        clients = new AwsClients(new AwsClientSettings("us-east-1", null, URI.create(aws.baseUrl()),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDMANAGEMENT", "secret")), Duration.ofSeconds(20)));
    }

    @AfterEach
    void close() {
        clients.close();
    }

    private static String resource(String name) {
        try (InputStream in = MemberAccountAlarmsTest.class.getResourceAsStream("/aws/sts/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static GuardAlarm errors() {
        return new GuardAlarm("fleetopt-orders-api-errors", ARN, "orders-api", "AWS/Lambda", "Errors",
                Map.of("FunctionName", "orders-api"), "Sum", 1, 300, 3, "errors after fleetopt changed its memory", "org-1");
    }

    private static List<LoggedRequest> calls(String action) {
        return aws.findAll(postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=" + action)));
    }

    @Test
    void assumesTheRoleOfTheAccountWithTheExternalIdAndSignsPutMetricAlarmWithItsCredentials() {
        aws.stubFor(post(urlEqualTo("/")).withFormParam("Action", equalTo("PutMetricAlarm"))
                .willReturn(AwsWire.queryResponse(CLOUDWATCH_XMLNS, "PutMetricAlarm", null)));

        try (MemberAlarmPorts.Port port = new MemberAccountAlarms(clients, "ext-7f3a", "aws", "fleetopt-member").open(MEMBER, "eu-west-1")) {
            port.putAlarm(errors());
            port.putAlarm(errors());
        }

        List<LoggedRequest> assumed = calls("AssumeRole");
        assertEquals(1, assumed.size(), "one session for the (account, region)");
        Map<String, String> assume = AwsWire.formParameters(assumed.get(0));
        assertEquals("arn:aws:iam::" + MEMBER + ":role/fleetopt-member", assume.get("RoleArn"));
        assertEquals("ext-7f3a", assume.get("ExternalId"));
        assertEquals("fleetopt-alarms-" + MEMBER, assume.get("RoleSessionName"));
        String stsAuthorization = assumed.get(0).getHeader("Authorization");
        assertTrue(stsAuthorization.contains("Credential=AKIDMANAGEMENT/") && stsAuthorization.contains("/eu-west-1/sts/"),
                "STS is asked with the stage's own credentials, in the function's region: " + stsAuthorization);
        List<LoggedRequest> puts = calls("PutMetricAlarm");
        assertEquals(2, puts.size());
        for (LoggedRequest put : puts) {
            String authorization = put.getHeader("Authorization");
            assertTrue(authorization.contains("Credential=ASIAMEMBERROLE0EXAMPLE/") && authorization.contains("/eu-west-1/monitoring/"),
                    "the alarm is put with the member role's credentials in the function's region: " + authorization);
            assertEquals("IQoJb3JpZ2luX2VjEXAMPLETOKEN", put.getHeader("X-Amz-Security-Token"));
        }
        Map<String, String> alarm = AwsWire.formParameters(puts.get(0));
        assertEquals("fleetopt-orders-api-errors", alarm.get("AlarmName"));
        assertEquals("errors after fleetopt changed its memory [fleetopt run=org-1 function=" + ARN + "]", alarm.get("AlarmDescription"));
        assertEquals(ARN, alarm.get("Tags.member.2.Value"));
        assertFalse(alarm.keySet().stream().anyMatch(k -> k.startsWith("AlarmActions")),
                "no alarm action: the notification topic is in the management account; the state change is forwarded instead");
    }

    @Test
    void retriesAThrottledPutMetricAlarm() {
        aws.stubFor(post(urlEqualTo("/")).withFormParam("Action", equalTo("PutMetricAlarm")).inScenario("throttled")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("once")
                .willReturn(AwsWire.queryError(CLOUDWATCH_XMLNS, 400, "Sender", "Throttling", "Rate exceeded")));
        aws.stubFor(post(urlEqualTo("/")).withFormParam("Action", equalTo("PutMetricAlarm")).inScenario("throttled")
                .whenScenarioStateIs("once")
                .willReturn(AwsWire.queryResponse(CLOUDWATCH_XMLNS, "PutMetricAlarm", null)));

        try (MemberAlarmPorts.Port port = new MemberAccountAlarms(clients, "ext-7f3a", "aws", "fleetopt-member").open(MEMBER, "eu-west-1")) {
            port.putAlarm(errors());
        }

        assertEquals(2, calls("PutMetricAlarm").size(), "the throttled call is sent again");
    }

    @Test
    void aMemberRoleThatCannotBeAssumedIsNamedAndNoAlarmIsPut() {
        MemberAccountAlarms alarms = new MemberAccountAlarms(clients, "ext-7f3a", "aws", "fleetopt-member");

        MemberRoleDeniedException e = assertThrows(MemberRoleDeniedException.class, () -> alarms.open("444455556666", "eu-west-1"));

        assertTrue(e.getMessage().contains("arn:aws:iam::444455556666:role/fleetopt-member") && e.getMessage().contains("AccessDenied"),
                e.getMessage());
        assertEquals(0, calls("PutMetricAlarm").size());
    }
}
