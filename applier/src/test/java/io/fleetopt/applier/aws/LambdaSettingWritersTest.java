package io.fleetopt.applier.aws;

import io.fleetopt.core.change.SettingKind;
import io.fleetopt.core.change.SettingKinds;
import io.fleetopt.core.model.RecommendationKind;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every kind of the registry has exactly one AWS writer, and the registry grants what the writers and reads call. */
class LambdaSettingWritersTest {

    private static LambdaSettingWriters writers() {
        LambdaClient lambda = LambdaClient.builder().region(Region.US_EAST_1).credentialsProvider(AnonymousCredentialsProvider.create()).build();
        CloudWatchLogsClient logs = CloudWatchLogsClient.builder().region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create()).build();
        return new LambdaSettingWriters(lambda, logs, new LambdaFunctionConfigurator.UpdateWait(1, Duration.ZERO, Duration.ZERO));
    }

    @Test
    void everyKindOfTheRegistryHasOneWriterAndNothingElseDoes() {
        LambdaSettingWriters writers = writers();
        Set<RecommendationKind> written = writers.all().stream().map(LambdaSettingWriter::kind).collect(Collectors.toSet());
        assertEquals(SettingKinds.ALL.stream().map(SettingKind::kind).collect(Collectors.toSet()), written);
        assertEquals(SettingKinds.ALL.size(), writers.all().size());
        for (SettingKind kind : SettingKinds.ALL) {
            assertEquals(kind.kind(), writers.of(kind.kind()).kind());
        }
    }

    @Test
    void aFindingHasNoWriter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> writers().of(RecommendationKind.RUNTIME));
        assertTrue(e.getMessage().contains("runtime is not a setting the applier changes"), e.getMessage());
    }

    @Test
    void eachKindDeclaresExactlyWhatItsWriterAndTheApplyReadsCall() {
        for (LambdaSettingWriter writer : writers().all()) {
            SettingKind kind = SettingKinds.require(writer.kind());
            assertTrue(kind.iamActions().containsAll(writer.iamActions()), writer + " calls " + writer.iamActions()
                    + ", its kind declares " + kind.iamActions());
            Set<String> called = new TreeSet<>(writer.iamActions());
            called.addAll(LambdaFunctionConfigurator.OWN_IAM_ACTIONS);
            assertTrue(called.containsAll(kind.iamActions()), kind + " declares " + kind.iamActions()
                    + " but its writer and the reads call only " + called);
        }
    }

    @Test
    void theConfigurationSettingsCarryTheRevisionIdAndTheOthersDoNot() {
        for (LambdaSettingWriter writer : writers().all()) {
            boolean updatesConfiguration = writer.iamActions().contains("lambda:UpdateFunctionConfiguration");
            assertEquals(SettingKinds.require(writer.kind()).carriesRevisionId(), updatesConfiguration, writer.kind().toString());
        }
    }
}
