package io.fleetopt.notifier;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.fleetopt.aws.AwsClients;
import io.fleetopt.aws.AwsMode;
import io.fleetopt.aws.StageContextBuilder;
import io.fleetopt.notifier.approval.LinkSigner;
import io.fleetopt.notifier.aws.CostExplorerCostHistory;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.ApplicationContextConfiguration;
import io.micronaut.function.aws.LambdaApplicationContextBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A notifier handler, started the way Lambda starts it, with the environment the stack gives a notifier function that
 * is not RequestApproval (no approval table, review URL or link key): it builds its own stage and the SDK clients
 * that stage calls, nothing else, and reads no secret.
 */
class NotifierHandlersOnLambdaTest {

    @RegisterExtension
    static WireMockExtension aws = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private static ApplicationContextBuilder withStackEnvironment(ApplicationContextBuilder builder) {
        return builder.properties(Map.of(
                "fleetopt.account", "aws",
                "fleetopt.artifact-bucket", "fleetopt-artifacts",
                "fleetopt.ledger-table", "fleetopt-ledger",
                "fleetopt.notifier.topic-arn", AwsMode.lambdaEnvironment().get("fleetopt.notifier.topic-arn"),
                "fleetopt.collector.regions", "us-east-1",
                "fleetopt.stack-name", "fleetopt",
                "fleetopt.endpoint-url", aws.baseUrl()));
    }

    @Test
    void notifySummaryBuildsOnlyItsOwnStageAndTheClientsItCalls() {
        try (NotifySummaryHandler handler = new NotifySummaryHandler(withStackEnvironment(StageContextBuilder.forLambda(NotifySummaryHandler.class)))) {
            ApplicationContext context = handler.getApplicationContext();
            assertEquals(List.of("s3", "sns"), context.getBean(AwsClients.class).builtServices().stream().sorted().toList());
            assertTrue(context.getActiveBeanRegistrations(RequestApprovalStage.class).isEmpty());
            assertTrue(context.getActiveBeanRegistrations(LinkSigner.class).isEmpty());
            assertTrue(context.getActiveBeanRegistrations(VerifyEarlierChangesStage.class).isEmpty());
            assertTrue(context.getActiveBeanRegistrations(CostExplorerCostHistory.class).isEmpty());
        }
        aws.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void micronautsOwnLambdaBuilderWouldFailItsInitOnTheApprovalSettingsItDoesNotUse() {
        Exception failed = assertThrows(Exception.class,
                () -> new NotifySummaryHandler(withStackEnvironment(new LambdaApplicationContextBuilder())).close());
        // RequestApproval's stage, whose table (and link key, and review URL) only RequestApproval's function is given
        assertTrue(String.valueOf(failed.getMessage()).contains("fleetopt.approval."), failed.getMessage());
    }

    @Test
    void theHandlerStartsTheStageContextOnLambda() {
        try (NotifySummaryHandler handler = new NotifySummaryHandler(withStackEnvironment(StageContextBuilder.forLambda(NotifySummaryHandler.class)))) {
            ApplicationContextConfiguration lambda = (ApplicationContextConfiguration) handler.newApplicationContextBuilder();
            assertEquals(List.of("function", "lambda"), lambda.getEnvironments());
            assertTrue(lambda.getEagerInitAnnotated().isEmpty(), "eager init of " + lambda.getEagerInitAnnotated());
        }
    }
}
