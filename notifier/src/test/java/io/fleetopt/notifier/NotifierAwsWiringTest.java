package io.fleetopt.notifier;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.fleetopt.aws.AwsMode;
import io.fleetopt.notifier.approval.ReviewEndpoint;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.HashMap;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The notifier Lambdas' context, from this module's classpath alone, has everything their stages need on AWS. */
class NotifierAwsWiringTest {

    @RegisterExtension
    static WireMockExtension secretsManager = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    @Test
    void everyNotifierStageIsWiredOnAws() {
        try (ApplicationContext context = ApplicationContext.run(AwsMode.lambdaEnvironment())) {
            assertNotNull(context.getBean(NotifyStage.class));
            assertNotNull(context.getBean(WireAlarmsStage.class));
            assertNotNull(context.getBean(VerifyEarlierChangesStage.class));
            // so the savings check sees drift and changes that never reached traffic on AWS, with the read-only reader
            assertInstanceOf(io.fleetopt.aws.LambdaSettingsReader.class, context.getBean(io.fleetopt.core.port.FunctionSettingsReader.class));
            assertInstanceOf(io.fleetopt.aws.LambdaSettingsReader.class, context.getBean(io.fleetopt.core.port.FunctionTrafficReader.class));
        }
    }

    @Test
    void theSavingsCheckReadsMemberAccountsThroughTheirRoleOnlyWhereTheStackGivesItTheMemberAccountSettings() {
        try (ApplicationContext context = ApplicationContext.run(AwsMode.lambdaEnvironment())) {
            assertTrue(context.findBean(MemberAccountReaders.class).isEmpty(), "a single-account deployment assumes no member role");
            assertNotNull(context.getBean(VerifyEarlierChangesStage.class));
        }
        Map<String, Object> members = new HashMap<>(AwsMode.lambdaEnvironment());
        members.put("fleetopt.organization.external-id", "ext-7f3a");
        members.put("fleetopt.organization.member-role-name", "fleetopt-member");
        try (ApplicationContext context = ApplicationContext.run(members)) {
            MemberAccountReaders readers = context.getBean(MemberAccountReaders.class);
            assertInstanceOf(io.fleetopt.notifier.aws.MemberAccountReads.class, readers);
            assertTrue(((io.fleetopt.notifier.aws.MemberAccountReads) readers).roleArn("210987654321")
                    .equals("arn:aws:iam::210987654321:role/fleetopt-member"));
            assertNotNull(context.getBean(VerifyEarlierChangesStage.class));
        }
    }

    private static Map<String, Object> approvalEnvironment(String reviewUrl) {
        Map<String, Object> environment = new HashMap<>(AwsMode.lambdaEnvironment());
        environment.put("fleetopt.endpoint-url", secretsManager.baseUrl());
        environment.put("fleetopt.approval.table", "fleetopt-approvals");
        environment.put("fleetopt.approval.key-secret-arn", "arn:aws:secretsmanager:us-east-1:123456789012:secret:fleetopt-link-key-AbCdEf");
        environment.put("fleetopt.approval.review-url", reviewUrl);
        return environment;
    }

    @Test
    void requestApprovalAndTheReviewEndpointAreWiredWithTheKeyFromSecretsManager() {
        secretsManager.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"Name\":\"fleetopt-link-key\",\"SecretString\":\"" + "k".repeat(64) + "\"}")));
        try (ApplicationContext context = ApplicationContext.run(approvalEnvironment("https://abc.lambda-url.us-east-1.on.aws/"))) {
            assertNotNull(context.getBean(RequestApprovalStage.class));
            assertNotNull(context.getBean(ReviewEndpoint.class));
        }
        secretsManager.verify(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue")));
    }

    @Test
    void requestApprovalRefusesAReviewUrlThatIsNotHttps() {
        secretsManager.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/x-amz-json-1.1").withBody("{\"SecretString\":\"" + "k".repeat(64) + "\"}")));
        try (ApplicationContext context = ApplicationContext.run(approvalEnvironment("http://review.example.com/"))) {
            Exception e = assertThrows(Exception.class, () -> context.getBean(RequestApprovalStage.class));
            assertTrue(String.valueOf(e.getMessage()).contains("fleetopt.approval.review-url"), e.getMessage());
        }
    }

    @Test
    void theReviewEndpointStartsWithOnlyTheConfigurationTheStackGivesIt() {
        secretsManager.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/x-amz-json-1.1").withBody("{\"SecretString\":\"" + "k".repeat(64) + "\"}")));
        AwsMode.lambdaEnvironment(); // region and dummy credentials
        // exactly the variables ApprovalEndpoint sets on the function (infra's ApprovalEndpointTest checks that list)
        Map<String, Object> environment = Map.of(
                "fleetopt.account", "aws",
                "fleetopt.artifact-bucket", "fleetopt-artifacts",
                "fleetopt.approval.table", "fleetopt-approvals",
                "fleetopt.approval.key-secret-arn", "arn:aws:secretsmanager:us-east-1:123456789012:secret:k",
                "fleetopt.endpoint-url", secretsManager.baseUrl());
        try (ReviewEndpointHandler handler = new ReviewEndpointHandler(ApplicationContext.builder().properties(environment)
                .deduceEnvironment(false))) {
            assertNotNull(handler.getApplicationContext().getBean(ReviewEndpoint.class));
        }
    }
}
