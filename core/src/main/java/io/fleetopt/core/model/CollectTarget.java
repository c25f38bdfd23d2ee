package io.fleetopt.core.model;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.regex.Pattern;

/**
 * One (account, region) a weekly run over several accounts collects and analyzes: one item of the
 * {@code CollectAndAnalyzeEachTarget} Distributed Map. {@code roleArn} is the member role the stages assume there
 * (with the deployment's external id); null collects with the stage's own credentials.
 */
@Serdeable
public record CollectTarget(String accountId, String region, @Nullable String roleArn) {

    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");

    public CollectTarget {
        if (accountId == null || !ACCOUNT_ID.matcher(accountId).matches()) {
            throw new IllegalArgumentException("target accountId: " + accountId + " is not a 12-digit AWS account id");
        }
        if (region == null || !REGION.matcher(region).matches()) {
            throw new IllegalArgumentException("target region: " + region + " is not an AWS region name (e.g. eu-west-1)");
        }
    }

    /** {@code <account>/<region>}: where its documents live under the run's prefix. */
    public String path() {
        return accountId + "/" + region;
    }
}
