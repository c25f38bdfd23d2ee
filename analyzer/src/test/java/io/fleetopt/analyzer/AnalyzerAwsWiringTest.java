package io.fleetopt.analyzer;

import io.fleetopt.aws.AwsMode;
import io.fleetopt.aws.S3ArtifactStore;
import io.fleetopt.core.port.ArtifactStore;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** The Analyze Lambda's context, from this module's classpath alone, has everything its stage needs on AWS. */
class AnalyzerAwsWiringTest {

    @Test
    void theAnalyzeStageIsWiredToS3OnAws() {
        try (ApplicationContext context = ApplicationContext.run(AwsMode.lambdaEnvironment())) {
            assertNotNull(context.getBean(AnalyzeStage.class));
            assertInstanceOf(S3ArtifactStore.class, context.getBean(ArtifactStore.class));
        }
    }
}
