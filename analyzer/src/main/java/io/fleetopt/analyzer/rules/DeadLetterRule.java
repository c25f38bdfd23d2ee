package io.fleetopt.analyzer.rules;

import io.fleetopt.core.model.Action;
import io.fleetopt.core.model.FunctionConfig;
import io.fleetopt.core.model.FunctionMetrics;
import io.fleetopt.core.model.FunctionProfile;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.model.Risk;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An asynchronously invoked function with neither a dead-letter queue nor an on-failure destination loses an
 * event for good once Lambda's retries are spent. REPORT_ONLY: the fix needs a queue and a role permission.
 */
public final class DeadLetterRule implements Rule {

    @Override
    public RecommendationKind kind() {
        return RecommendationKind.DLQ;
    }

    @Override
    public boolean needsMetricEvidence() {
        return false;
    }

    @Override
    public boolean canApply() {
        return false;
    }

    @Override
    public List<String> iamActions() {
        return List.of("sqs:CreateQueue", "sqs:GetQueueAttributes", "iam:PutRolePolicy", "lambda:UpdateFunctionConfiguration",
                "lambda:PutFunctionEventInvokeConfig");
    }

    @Override
    public Optional<Recommendation> evaluate(FunctionProfile function, RuleContext context) {
        FunctionConfig config = function.config();
        FunctionMetrics metrics = function.metrics();
        Long asyncEvents = metrics.asyncEventsReceived();
        if (asyncEvents == null || asyncEvents == 0 || config.hasFailureDestination()
                || config.isUnknown("deadLetterTargetArn") || config.isUnknown("onFailureDestinationArn")) {
            return Optional.empty();
        }
        Risk risk = metrics.errors() > 0 ? Risk.HIGH : Risk.MEDIUM;
        String rationale = String.format(Locale.ROOT,
                "%s received %s asynchronous events in %d days, %s of them failing, and has neither a dead-letter queue nor an on-failure destination: an event that still fails after Lambda's two retries is lost.",
                function.name(), Numbers.count(asyncEvents), metrics.daysWithData(), Numbers.count(metrics.errors()));
        return Optional.of(RecommendationFactory.recommend(function, kind(), "none", "SQS dead-letter queue or on-failure destination",
                risk, Action.REPORT_ONLY, rationale, BigDecimal.ZERO,
                List.of("an SQS queue costs cents a month at this volume; not counted",
                        "the execution role needs sqs:SendMessage on the queue")));
    }
}
