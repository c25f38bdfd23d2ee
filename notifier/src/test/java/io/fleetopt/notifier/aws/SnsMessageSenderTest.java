package io.fleetopt.notifier.aws;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.fleetopt.core.port.Message;
import io.fleetopt.core.port.MessageKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToIgnoreCase;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SNS Publish on the wire (AWS Query protocol, XML answers), against WireMock. */
class SnsMessageSenderTest {

    private static final String SNS_XMLNS = "http://sns.amazonaws.com/doc/2010-03-31/";
    private static final String RUN = "run-2026-11-23";

    @RegisterExtension
    static WireMockExtension sns = AwsWire.server();

    private SnsMessageSender sender;

    @BeforeEach
    void senderPointedAtWireMock() {
        sender = new SnsMessageSender(AwsWire.clients(sns).sns(), AwsWire.TOPIC_ARN,
                runId -> "s3://fleetopt-artifacts/runs/" + runId + "/plan.json");
    }

    @AfterEach
    void close() {
        sender.close();
    }

    private static String published(String messageId) {
        return "<MessageId>" + messageId + "</MessageId>";
    }

    @Test
    void publishesToTheTopicWithALongSubjectShortenedToOneAsciiLineThatKeepsTheRunId() {
        sns.stubFor(post(urlEqualTo("/")).willReturn(AwsWire.queryResponse(SNS_XMLNS, "Publish", published("m-1"))));
        String subject = "fleetopt: 12 changes for the payments – production account\n(eu-west-1, us-east-1) would save "
                + "$1,234.56/month - approval needed (run " + RUN + ")";

        sender.send(new Message(MessageKind.APPROVAL_REQUEST, RUN, subject, "Plan of run " + RUN + "\n"));

        sns.verify(1, postRequestedFor(urlEqualTo("/"))
                .withHeader("Content-Type", equalToIgnoreCase("application/x-www-form-urlencoded; charset=utf-8")));
        Map<String, String> sent = AwsWire.formRequests(sns).get(0);
        assertEquals("Publish", sent.get("Action"));
        assertEquals("2010-03-31", sent.get("Version"));
        assertEquals(AwsWire.TOPIC_ARN, sent.get("TopicArn"));
        assertEquals("Plan of run " + RUN + "\n", sent.get("Message"));
        String sentSubject = sent.get("Subject");
        assertTrue(sentSubject.length() <= 100, sentSubject.length() + " characters: " + sentSubject);
        assertTrue(sentSubject.matches("[\\x20-\\x7e]+"), "printable ASCII on one line: " + sentSubject);
        assertTrue(sentSubject.startsWith("fleetopt: 12 changes for the payments - production account (eu-west-1,"), sentSubject);
        assertTrue(sentSubject.endsWith("... (run " + RUN + ")"), sentSubject);
    }

    @Test
    void cutsAMessageLongerThan256KibAndSaysWhereTheFullPlanIs() {
        sns.stubFor(post(urlEqualTo("/")).willReturn(AwsWire.queryResponse(SNS_XMLNS, "Publish", published("m-2"))));
        String line = "  3   orders-worker-é        memory   1024 MB -> 512 MB   LOW   $12.34\n";
        String body = "Plan of run " + RUN + "\n" + line.repeat(300 * 1024 / line.length());

        sender.send(new Message(MessageKind.APPROVAL_REQUEST, RUN, "fleetopt: approval needed (run " + RUN + ")", body));

        String sent = AwsWire.formRequests(sns).get(0).get("Message");
        assertTrue(sent.getBytes(StandardCharsets.UTF_8).length <= 256 * 1024, "bytes: " + sent.getBytes(StandardCharsets.UTF_8).length);
        assertTrue(sent.startsWith("Plan of run " + RUN + "\n" + line), "the beginning is kept");
        assertTrue(sent.endsWith("LOW   $12.34\n\n[Cut here: this message is longer than SNS allows (256 KiB). The full plan of run "
                + RUN + " is at s3://fleetopt-artifacts/runs/" + RUN + "/plan.json]\n"), "cut at a line break, then the note");
    }

    @Test
    void retriesAThrottledPublishUntilItGoesThrough() {
        sns.stubFor(post(urlEqualTo("/")).inScenario("throttled").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(AwsWire.queryError(SNS_XMLNS, 429, "Sender", "Throttled", "Rate exceeded"))
                .willSetStateTo("calm"));
        sns.stubFor(post(urlEqualTo("/")).inScenario("throttled").whenScenarioStateIs("calm")
                .willReturn(AwsWire.queryResponse(SNS_XMLNS, "Publish", published("m-3"))));

        sender.send(new Message(MessageKind.SUMMARY, RUN, "fleetopt: summary (run " + RUN + ")", "Weekly summary\n"));

        List<Map<String, String>> calls = AwsWire.formRequests(sns);
        assertEquals(2, calls.size(), "one throttled attempt, one that went through");
        assertEquals(calls.get(0), calls.get(1), "the same publish, sent again");
    }

    @Test
    void turnsAnAuthorizationErrorIntoAnErrorNamingTheTopicAndThePermission() {
        sns.stubFor(post(urlEqualTo("/")).willReturn(AwsWire.queryError(SNS_XMLNS, 403, "Sender", "AuthorizationError",
                "User: arn:aws:sts::123456789012:assumed-role/fleetopt-notifier/fn is not authorized to perform: SNS:Publish "
                        + "on resource: " + AwsWire.TOPIC_ARN)));

        AwsCallException e = assertThrows(AwsCallException.class, () -> sender.send(
                new Message(MessageKind.FAILURE, RUN, "fleetopt: run failed (run " + RUN + ")", "Failed\n")));

        assertTrue(e.getMessage().startsWith("could not publish the failure message of run " + RUN + " to SNS topic "
                + AwsWire.TOPIC_ARN + ": AuthorizationError (HTTP 403): User: "), e.getMessage());
        assertTrue(e.getMessage().contains("allow sns:Publish on " + AwsWire.TOPIC_ARN + " to the role fleetopt runs as"),
                e.getMessage());
        assertEquals(1, sns.getAllServeEvents().size(), "access denied is not retried");
    }

    @Test
    void reportsAnAnswerThatIsNotXmlAsAFailedPublish() {
        sns.stubFor(post(urlEqualTo("/")).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "text/xml").withBody("<PublishResponse><PublishResult>")));

        AwsCallException e = assertThrows(AwsCallException.class, () -> sender.send(
                new Message(MessageKind.NO_CHANGES, RUN, "fleetopt: nothing to change (run " + RUN + ")", "Nothing\n")));

        assertTrue(e.getMessage().startsWith("could not publish the no changes message of run " + RUN + " to SNS topic "
                + AwsWire.TOPIC_ARN + ": "), e.getMessage());
    }
}
