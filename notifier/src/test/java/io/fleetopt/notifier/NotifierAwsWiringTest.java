package io.fleetopt.notifier;

import io.fleetopt.aws.AwsMode;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/** The notifier Lambdas' context, from this module's classpath alone, has everything their stages need on AWS. */
class NotifierAwsWiringTest {

    @Test
    void everyNotifierStageIsWiredOnAws() {
        try (ApplicationContext context = ApplicationContext.run(AwsMode.lambdaEnvironment())) {
            assertNotNull(context.getBean(NotifyStage.class));
            assertNotNull(context.getBean(WireAlarmsStage.class));
            assertNotNull(context.getBean(VerifyEarlierChangesStage.class));
        }
    }
}
