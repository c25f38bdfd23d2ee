package io.fleetopt.core.model;

import java.util.Map;
import java.util.Optional;

/**
 * The rules of changing a function that is invoked through an alias, in one place for the analyzer (which makes
 * the item a finding) and the applier (which checks them again, live, before it publishes): fleetopt changes
 * {@code $LATEST}, publishes it as a version and moves the alias, so it must be the only one moving that alias, and
 * {@code $LATEST} must be exactly what the alias serves now (the same code and settings), or publishing would
 * release someone else's unpublished change.
 */
public final class AliasDelivery {

    /** The tag SAM puts on the functions it creates (AutoPublishAlias moves their alias on every deploy). */
    public static final String SAM_TAG = "lambda:createdBy";
    /** The share of the alias's traffic the new version gets first (a canary), before it is promoted to all of it. */
    public static final double CANARY_WEIGHT = 0.1;

    private AliasDelivery() {
    }

    /** Why someone else moves this alias (so fleetopt must not), or empty. */
    public static Optional<String> managedElsewhere(Map<String, String> tags, FunctionAlias alias, FunctionQualifiers qualifiers) {
        String stack = tags.get("aws:cloudformation:stack-name");
        if (stack != null) {
            return Optional.of("alias " + alias.name() + " is deployed by CloudFormation stack " + stack
                    + " (SAM AutoPublishAlias, CDK currentVersion): the next deploy moves it back");
        }
        if ("SAM".equals(tags.get(SAM_TAG))) {
            return Optional.of("alias " + alias.name() + " is published by SAM (tag " + SAM_TAG + "=SAM): the next deploy moves it back");
        }
        for (Map.Entry<String, Double> weight : alias.additionalVersionWeights().entrySet()) {
            boolean ours = qualifiers.version(weight.getKey()).map(PublishedVersion::publishedByFleetopt).orElse(false);
            if (!ours) {
                return Optional.of("alias " + alias.name() + " sends " + percent(weight.getValue()) + " to version "
                        + weight.getKey() + ", a weighted deployment fleetopt did not start (CodeDeploy shifts traffic this"
                        + " way): moving the alias would fight it");
            }
        }
        return Optional.empty();
    }

    /**
     * Why publishing {@code $LATEST} would release more than fleetopt's change, or empty: the alias's version must run
     * the same code as {@code $LATEST}, with the same memory, timeout and tracing as {@code latest}.
     */
    public static Optional<String> unpublishedChange(FunctionConfig latest, FunctionAlias alias, FunctionQualifiers qualifiers) {
        if (qualifiers.isUnknown(FunctionQualifiers.VERSIONS)) {
            return Optional.of("the versions of the function could not be read, so what alias " + alias.name() + " serves is unknown");
        }
        Optional<PublishedVersion> served = qualifiers.version(alias.functionVersion());
        if (served.isEmpty()) {
            return Optional.of("version " + alias.functionVersion() + " of alias " + alias.name() + " was not listed");
        }
        PublishedVersion version = served.get();
        if (qualifiers.latestCodeSha256() == null || !qualifiers.latestCodeSha256().equals(version.codeSha256())) {
            return Optional.of("$LATEST runs other code than version " + version.version() + ", which alias " + alias.name()
                    + " serves: publishing it would release code nobody released");
        }
        if (version.memoryMb() != latest.memoryMb() || version.timeoutSeconds() != latest.timeoutSeconds()
                || !version.tracingMode().equals(latest.tracingMode())) {
            return Optional.of("$LATEST's settings differ from version " + version.version() + " (" + version.memoryMb() + " MB, "
                    + version.timeoutSeconds() + " s), which alias " + alias.name() + " serves: publishing it would release an"
                    + " unpublished change");
        }
        return Optional.empty();
    }

    /** "20 %", "2.5 %". */
    static String percent(double share) {
        double tenths = Math.round(share * 1000) / 10.0;
        return (tenths == Math.rint(tenths) ? String.valueOf((long) tenths) : String.valueOf(tenths)) + " %";
    }
}
