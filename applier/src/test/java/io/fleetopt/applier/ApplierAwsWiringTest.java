package io.fleetopt.applier;

import io.fleetopt.applier.aws.LambdaFunctionConfigurator;
import io.fleetopt.aws.AwsMode;
import io.fleetopt.aws.DynamoDbChangeLedger;
import io.fleetopt.aws.DynamoDbRunLease;
import io.fleetopt.core.port.ChangeLedger;
import io.fleetopt.core.port.FunctionConfigurator;
import io.fleetopt.core.port.RunLease;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The applier Lambdas' context, from this module's classpath alone, has everything its stage needs on AWS. */
class ApplierAwsWiringTest {

    @Test
    void theDeployedApplyStagesAreWiredToLambdaAndTheDynamoDbLedgerOnAws() {
        try (ApplicationContext context = ApplicationContext.run(AwsMode.lambdaEnvironment())) {
            assertNotNull(context.getBean(AutoApplyStage.class));
            assertNotNull(context.getBean(ApplyItemStage.class));
            assertNotNull(context.getBean(RecordApplyResultStage.class));
            assertNotNull(context.getBean(PromoteCanariesStage.class));
            assertInstanceOf(LambdaFunctionConfigurator.class, context.getBean(FunctionConfigurator.class));
            assertInstanceOf(io.fleetopt.applier.aws.LambdaAliasRouter.class, context.getBean(io.fleetopt.core.port.AliasRouter.class));
            assertInstanceOf(DynamoDbChangeLedger.class, context.getBean(ChangeLedger.class));
            assertInstanceOf(DynamoDbRunLease.class, context.getBean(RunLease.class));
        }
    }

    @Test
    void theRollbackFunctionIsWiredToTheSameLedgerAndLambdaAndNotifiesTheTopic() {
        try (ApplicationContext context = ApplicationContext.run(AwsMode.lambdaEnvironment())) {
            assertNotNull(context.getBean(AlarmRollback.class));
            assertNotNull(context.getBean(io.fleetopt.applier.aws.SnsRollbackNotices.class));
            assertTrue(context.getBeansOfType(io.fleetopt.core.port.MessageSender.class).isEmpty(),
                    "not a MessageSender, so that the notifier's stays the only one where both are on the classpath");
        }
    }
}
