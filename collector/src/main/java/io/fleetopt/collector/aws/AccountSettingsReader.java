package io.fleetopt.collector.aws;

import io.fleetopt.core.model.AccountConcurrency;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.AccountLimit;

/** The region's concurrency limit and unreserved concurrency, from one GetAccountSettings. */
final class AccountSettingsReader {

    private final LambdaClient lambda;
    private final String region;

    AccountSettingsReader(LambdaClient lambda, String region) {
        this.lambda = lambda;
        this.region = region;
    }

    /**
     * @throws CollectionFailedException when the answer lacks the limits (an endpoint that is not Lambda's, answering
     *     {@code {}}): every concurrency rule depends on them
     */
    AccountConcurrency read() {
        AccountLimit limit = lambda.getAccountSettings(b -> { }).accountLimit();
        if (limit == null || limit.concurrentExecutions() == null || limit.unreservedConcurrentExecutions() == null) {
            throw new CollectionFailedException(region + ": GetAccountSettings answered without the account's concurrency limits"
                    + " (AccountLimit.ConcurrentExecutions, UnreservedConcurrentExecutions): the endpoint does not answer"
                    + " as AWS Lambda does; check --endpoint-url", null);
        }
        return new AccountConcurrency(limit.concurrentExecutions(), limit.unreservedConcurrentExecutions());
    }
}
