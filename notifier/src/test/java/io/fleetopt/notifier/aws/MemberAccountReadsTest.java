package io.fleetopt.notifier.aws;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.fleetopt.aws.AwsClientSettings;
import io.fleetopt.aws.AwsClients;
import io.fleetopt.core.model.DateRange;
import io.fleetopt.core.model.FunctionUsage;
import io.fleetopt.core.port.FunctionSettings;
import io.fleetopt.notifier.MemberAccountReaders;
import io.fleetopt.notifier.MemberAccountUnreadableException;
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
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The savings check's reads in a member account on the wire: STS (query protocol, XML) assumes the account's member
 * role with the external id, in the function's region, signed with the stage's own key; CloudWatch GetMetricData
 * (query protocol, XML, in SDK 2.40; throttling retried), Lambda (REST-JSON) and CloudWatch Logs (JSON 1.1) are then
 * signed with the assumed key and session token.
 */
class MemberAccountReadsTest {

    private static final String MEMBER = "210987654321";
    private static final String DENIED = "444455556666";
    private static final String REGION = "eu-west-1";
    private static final String ARN = "arn:aws:lambda:" + REGION + ":" + MEMBER + ":function:orders-api";
    private static final String FUNCTION = "/2015-03-31/functions/arn(%3A|:)aws(%3A|:)lambda.*orders-api";
    private static final String CW_XMLNS = "http://monitoring.amazonaws.com/doc/2010-08-01/";
    private static final DateRange WEEK = new DateRange(LocalDate.of(2026, 11, 9), LocalDate.of(2026, 11, 16));

    @RegisterExtension
    static WireMockExtension aws = AwsWire.server();

    private AwsClients clients;

    @BeforeEach
    void stubs() {
        aws.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=AssumeRole")).withRequestBody(containing(MEMBER))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody(resource("AssumeRole-verify.xml"))));
        aws.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=AssumeRole")).withRequestBody(containing(DENIED))
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "text/xml").withBody(resource("AssumeRole-AccessDenied-verify.xml"))));
        // the first GetMetricData is throttled, the retry answered
        aws.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=GetMetricData")).inScenario("throttled")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("retried")
                .willReturn(AwsWire.queryError(CW_XMLNS, 400, "Sender", "Throttling", "Rate exceeded")));
        aws.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=GetMetricData")).inScenario("throttled")
                .whenScenarioStateIs("retried")
                .willReturn(AwsWire.queryResponse(CW_XMLNS, "GetMetricData", "<MetricDataResults>"
                        + result("i0", 100_000, 100_000, 100_000, 100_000, 100_000, 100_000, 100_000)
                        + result("a0", 212.5) + result("m0", 180.0) + result("n0", 640.0) + "</MetricDataResults><Messages/>")));
        aws.stubFor(get(urlPathMatching(FUNCTION + "/configuration")).willReturn(json("""
                {"FunctionName": "orders-api", "FunctionArn": "%s", "MemorySize": 512, "Timeout": 30, "RevisionId": "rev-2",
                 "TracingConfig": {"Mode": "PassThrough"}, "LastUpdateStatus": "Successful"}""".formatted(ARN))));
        aws.stubFor(get(urlPathMatching("/2019-09-30/functions/.*orders-api/concurrency")).willReturn(json("{}")));
        aws.stubFor(get(urlPathMatching("/2017-03-31/tags/.*orders-api")).willReturn(json("{\"Tags\": {\"team\": \"orders\"}}")));
        aws.stubFor(get(urlPathMatching(FUNCTION + "/aliases")).willReturn(json("{\"Aliases\": []}")));
        aws.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", containing("Logs_20140328.DescribeLogGroups"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"logGroups\": [{\"logGroupName\": \"/aws/lambda/orders-api\", \"retentionInDays\": 14}]}")));
        clients = new AwsClients(new AwsClientSettings("us-east-1", null, URI.create(aws.baseUrl()),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDMANAGEMENT", "secret")), Duration.ofSeconds(20)));
    }

    @AfterEach
    void close() {
        clients.close();
    }

    @Test
    void assumesTheRoleOfTheChangesAccountWithTheExternalIdAndSignsEveryReadThereWithTheAssumedKey() {
        try (MemberAccountReads reads = new MemberAccountReads(clients, "ext-7f3a", "aws", "fleetopt-member")) {
            MemberAccountReaders.Readers member = reads.open(MEMBER, REGION);

            FunctionUsage usage = member.usage().usage(List.of(ARN), WEEK).getFirst();
            FunctionSettings live = member.live().read(ARN);
            assertEquals(List.of(), member.traffic().aliases(ARN));
            reads.open(MEMBER, REGION);

            assertEquals(700_000, usage.invocations());
            assertEquals(212.5, usage.durationAvgMs());
            assertEquals(512, live.memoryMb());
            assertEquals(14, live.logRetentionDays());
        }
        List<LoggedRequest> assumed = aws.findAll(postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=AssumeRole")));
        assertEquals(1, assumed.size(), "one session for the (account, region), kept");
        Map<String, String> form = AwsWire.formParameters(assumed.getFirst());
        assertEquals("arn:aws:iam::" + MEMBER + ":role/fleetopt-member", form.get("RoleArn"));
        assertEquals("ext-7f3a", form.get("ExternalId"));
        assertTrue(form.get("RoleSessionName").startsWith("fleetopt-verify-" + MEMBER), form.toString());
        String stsAuthorization = assumed.getFirst().getHeader("Authorization");
        assertTrue(stsAuthorization.contains("Credential=AKIDMANAGEMENT/") && stsAuthorization.contains("/" + REGION + "/sts/"),
                "STS is asked with the stage's own key, in the function's region: " + stsAuthorization);
        List<LoggedRequest> reads = aws.findAll(anyRequestedFor(anyUrl())).stream()
                .filter(r -> !r.getBodyAsString().contains("Action=AssumeRole")).toList();
        assertEquals(7, reads.size(), "GetMetricData twice (throttled, retried), GetFunctionConfiguration, GetFunctionConcurrency, "
                + "ListTags, DescribeLogGroups, ListAliases: " + reads.stream().map(LoggedRequest::getUrl).toList());
        for (LoggedRequest read : reads) {
            String authorization = read.getHeader("Authorization");
            assertTrue(authorization.contains("Credential=ASIAMEMBERROLE0EXAMPLE/") && authorization.contains("/" + REGION + "/"),
                    read.getUrl() + " is signed with the member role's key in the function's region: " + authorization);
            assertEquals("IQoJb3JpZ2luX2VjEXAMPLETOKEN", read.getHeader("X-Amz-Security-Token"));
        }
        assertEquals(2, reads.stream().filter(r -> r.getBodyAsString().contains("Action=GetMetricData")).count(),
                "the throttled GetMetricData is retried");
    }

    @Test
    void aMemberRoleThatCannotBeAssumedIsNamedAndNothingIsReadThere() {
        try (MemberAccountReads reads = new MemberAccountReads(clients, "ext-7f3a", "aws", "fleetopt-member")) {
            MemberAccountUnreadableException e = assertThrows(MemberAccountUnreadableException.class, () -> reads.open(DENIED, REGION));

            assertTrue(e.getMessage().contains("arn:aws:iam::" + DENIED + ":role/fleetopt-member") && e.getMessage().contains("AccessDenied"),
                    e.getMessage());
        }
        assertEquals(List.of(), aws.findAll(anyRequestedFor(anyUrl())).stream()
                .filter(r -> !r.getBodyAsString().contains("Action=AssumeRole")).map(LoggedRequest::getUrl).toList());
    }

    private static String result(String id, double... values) {
        StringBuilder members = new StringBuilder();
        StringBuilder timestamps = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            members.append("<member>").append(values[i]).append("</member>");
            timestamps.append("<member>").append(WEEK.from().plusDays(i)).append("T00:00:00Z</member>");
        }
        return "<member><Id>" + id + "</Id><Label>" + id + "</Label><Timestamps>" + timestamps + "</Timestamps><Values>" + members
                + "</Values><StatusCode>Complete</StatusCode></member>";
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static String resource(String name) {
        try (InputStream in = MemberAccountReadsTest.class.getResourceAsStream("/aws/sts/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
