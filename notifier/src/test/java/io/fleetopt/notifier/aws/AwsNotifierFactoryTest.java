package io.fleetopt.notifier.aws;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.fleetopt.core.demo.DemoAccount;
import io.fleetopt.core.local.OutboxMessageSender;
import io.fleetopt.core.port.AlarmPort;
import io.fleetopt.core.port.CostHistory;
import io.fleetopt.core.port.Message;
import io.fleetopt.core.port.MessageKind;
import io.fleetopt.core.port.MessageSender;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which adapters Micronaut wires for fleetopt.account: the AWS ones by default, none of them on the demo account. */
class AwsNotifierFactoryTest {

    /** What the SDK's default chains read first; Lambda sets the same as environment variables. */
    private static final List<String> DEFAULT_CHAIN_PROPERTIES = List.of("aws.region", "aws.accessKeyId", "aws.secretAccessKey");

    @RegisterExtension
    static WireMockExtension aws = AwsWire.server();

    @TempDir
    Path stateDir;

    private final Map<String, String> savedProperties = new HashMap<>();

    @BeforeEach
    void regionAndCredentialsInTheDefaultChains() {
        DEFAULT_CHAIN_PROPERTIES.forEach(p -> savedProperties.put(p, System.getProperty(p)));
        System.setProperty("aws.region", AwsWire.REGION);
        System.setProperty("aws.accessKeyId", "AKIDTESTTESTTESTTEST");
        System.setProperty("aws.secretAccessKey", "test-secret");
    }

    @AfterEach
    void restoreProperties() {
        savedProperties.forEach((p, value) -> {
            if (value == null) {
                System.clearProperty(p);
            } else {
                System.setProperty(p, value);
            }
        });
    }

    @Test
    void wiresSnsCostExplorerAndCloudWatchWhenNoAccountIsConfigured() {
        aws.stubFor(post(urlEqualTo("/")).willReturn(AwsWire.queryResponse("http://sns.amazonaws.com/doc/2010-03-31/", "Publish",
                "<MessageId>m-1</MessageId>")));
        try (ApplicationContext context = ApplicationContext.run(Map.of(
                "fleetopt.notifier.topic-arn", AwsWire.TOPIC_ARN, "fleetopt.endpoint-url", aws.baseUrl(),
                "fleetopt.artifact-bucket", "fleetopt-artifacts"))) {
            assertInstanceOf(CostExplorerCostHistory.class, context.getBean(CostHistory.class));
            assertInstanceOf(CloudWatchAlarmPort.class, context.getBean(AlarmPort.class));
            MessageSender sender = context.getBean(MessageSender.class);
            assertInstanceOf(SnsMessageSender.class, sender);

            sender.send(new Message(MessageKind.SUMMARY, "run-1", "fleetopt: summary (run run-1)", "Weekly summary\n"));
        }
        aws.verify(1, postRequestedFor(urlEqualTo("/"))
                .withHeader("Authorization", containing("/" + AwsWire.REGION + "/sns/aws4_request")));
        assertEquals(AwsWire.TOPIC_ARN, AwsWire.formRequests(aws).get(0).get("TopicArn"));
    }

    @Test
    void saysHowToSetTheTopicWhenItIsMissing() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("fleetopt.account", "aws",
                "fleetopt.artifact-bucket", "fleetopt-artifacts"))) {
            RuntimeException e = assertThrows(RuntimeException.class, () -> context.getBean(MessageSender.class));
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            assertTrue(root.getMessage().startsWith("fleetopt.notifier.topic-arn is not set"), root.getMessage());
        }
    }

    @Test
    void createsNoneOfItsBeansOnTheDemoAccount() {
        try (ApplicationContext context = ApplicationContext.run(Map.of(
                "fleetopt.account", "demo", "fleetopt.state-dir", stateDir.toString()))) {
            for (Class<?> type : List.of(AwsNotifierFactory.class, AwsApprovalFactory.class, NotificationTopic.class,
                    SnsMessageSender.class, CostExplorerCostHistory.class, CloudWatchAlarmPort.class)) {
                assertTrue(context.getBeanDefinitions(type).isEmpty(), type.getSimpleName() + " is not wired on the demo account");
            }
            assertInstanceOf(OutboxMessageSender.class, context.getBean(MessageSender.class));
            assertInstanceOf(DemoAccount.class, context.getBean(CostHistory.class));
            assertInstanceOf(DemoAccount.class, context.getBean(AlarmPort.class));
        }
        assertEquals(0, aws.getAllServeEvents().size());
    }
}
