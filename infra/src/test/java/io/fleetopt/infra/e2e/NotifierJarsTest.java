package io.fleetopt.infra.e2e;

import io.fleetopt.infra.StageCode;
import io.fleetopt.infra.SynthesizedStack;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The notifier's two Lambda jars (notifier/pom.xml) each hold only the AWS SDK services their functions call, and
 * index none of the other side's AWS beans: the reporting jar (VerifyEarlierChanges, WireAlarms, the notices and the
 * summary) has no Step Functions or Secrets Manager, the approval jar (RequestApproval, the review endpoint,
 * NotifyRejected, NotifyExpired) no Cost Explorer, CloudWatch, Lambda, CloudWatch Logs or STS. StageJarsRunTest starts
 * every function from its jar.
 */
class NotifierJarsTest {

    private static final Path REPO = SynthesizedStack.repoRoot();
    private static final String INDEX = "META-INF/micronaut/io.micronaut.inject.BeanDefinitionReference/io.fleetopt.notifier.aws.";

    @Test
    void theReportingJarHoldsTheReportingSidesServicesAndNoneOfTheApprovalSides() throws IOException {
        try (JarFile jar = new JarFile(StageCode.builtJar(REPO, "notifier").toFile())) {
            assertEquals(Set.of("cloudwatch", "cloudwatchlogs", "costexplorer", "dynamodb", "lambda", "s3", "sns", "sts"),
                    services(jar));
            assertEquals(List.of(), indexed(jar, "$AwsApprovalFactory"));
        }
    }

    @Test
    void theApprovalJarHoldsTheApprovalSidesServicesAndNoneOfTheReportingSides() throws IOException {
        try (JarFile jar = new JarFile(StageCode.builtJar(REPO, StageCode.NOTIFIER_APPROVAL).toFile())) {
            assertEquals(Set.of("dynamodb", "s3", "secretsmanager", "sfn", "sns"), services(jar));
            assertEquals(List.of(), indexed(jar, "$AwsNotifierFactory$CostExplorerCostHistory",
                    "$AwsNotifierFactory$LambdaSettingsReader", "$AwsNotifierFactory$MemberAccountReads",
                    "$AwsNotifierFactory$CloudWatch"));
            assertEquals(false, indexed(jar, "$AwsApprovalFactory").isEmpty(), "the approval side's beans are indexed");
        }
    }

    /** The SDK services whose clients the jar holds. */
    private static Set<String> services(JarFile jar) {
        Set<String> services = new TreeSet<>();
        jar.stream().map(e -> e.getName()).filter(n -> n.startsWith("software/amazon/awssdk/services/") && n.endsWith("Client.class"))
                .map(n -> n.split("/")).filter(parts -> parts.length == 6)
                .forEach(parts -> services.add(parts[4]));
        return services;
    }

    private static List<String> indexed(JarFile jar, String... prefixes) {
        return jar.stream().map(e -> e.getName()).filter(n -> n.startsWith(INDEX))
                .filter(n -> List.of(prefixes).stream().anyMatch(p -> n.substring(INDEX.length()).startsWith(p))).toList();
    }
}
