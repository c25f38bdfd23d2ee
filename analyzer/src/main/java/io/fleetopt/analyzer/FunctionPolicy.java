package io.fleetopt.analyzer;

import io.fleetopt.core.model.LogRetentionDays;
import io.fleetopt.core.model.FunctionConfig;
import io.micronaut.core.annotation.Nullable;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The policy as it applies to one function, after its {@code fleetopt:*} tag overrides. A bad override is
 * listed in {@code problems} and ignored (the account policy's value is used): a typo in a tag never stops a run.
 *
 * @param minMemoryMb memory never proposed below this (tag {@code fleetopt:min-memory}), or null
 * @param retentionReason where {@code retentionDays} comes from, in words ("its fleetopt:retention-days tag")
 * @param environment the value of the policy's environment tag, or null
 */
public record FunctionPolicy(int headroomPercent, @Nullable Integer minMemoryMb, int retentionDays, String retentionReason,
                             @Nullable String environment, boolean production, List<String> problems) {

    public static final String MIN_MEMORY_TAG = "fleetopt:min-memory";
    public static final String HEADROOM_TAG = "fleetopt:headroom";
    public static final String RETENTION_TAG = "fleetopt:retention-days";

    public static FunctionPolicy resolve(AnalyzerPolicy policy, FunctionConfig config) {
        Map<String, String> tags = config.tags();
        List<String> problems = new ArrayList<>();
        String environment = tags.get(policy.environmentTag());
        int headroom = override(tags, HEADROOM_TAG, "a whole percentage from 0 to 400", v -> v >= 0 && v <= 400, problems)
                .orElse(policy.headroomPercent());
        Integer minMemory = override(tags, MIN_MEMORY_TAG, "whole MB from 128 to 10240", v -> v >= 128 && v <= 10_240, problems)
                .orElse(null);
        Optional<Integer> retentionTag = override(tags, RETENTION_TAG, "one of CloudWatch's retention periods " + LogRetentionDays.ALLOWED,
                LogRetentionDays::isAllowed, problems);
        int retention = retentionTag.orElse(policy.retentionDaysFor(environment));
        String retentionReason = retentionTag.isPresent() ? "its " + RETENTION_TAG + " tag"
                : environment != null ? "the policy for " + environment : "the policy's default";
        return new FunctionPolicy(headroom, minMemory, retention, retentionReason, environment, policy.isProduction(environment),
                List.copyOf(problems));
    }

    /** Why the skip tag holds a value that is neither true nor false, or empty when it is fine or absent. */
    public static Optional<String> unclearSkipTag(FunctionConfig config) {
        String value = config.tags().get(FunctionConfig.SKIP_TAG);
        if (value == null || "true".equalsIgnoreCase(value) || "false".equalsIgnoreCase(value)) {
            return Optional.empty();
        }
        return Optional.of("tagged " + FunctionConfig.SKIP_TAG + "=" + value + ", which is neither true nor false: left alone to be safe");
    }

    private interface IntCheck {
        boolean test(int value);
    }

    private static Optional<Integer> override(Map<String, String> tags, String tag, String expected, IntCheck check,
                                              List<String> problems) {
        String raw = tags.get(tag);
        if (raw == null) {
            return Optional.empty();
        }
        String value = raw.trim();
        if (value.endsWith("%") && tag.equals(HEADROOM_TAG)) {
            value = value.substring(0, value.length() - 1).trim();
        }
        try {
            int parsed = Integer.parseInt(value);
            if (check.test(parsed)) {
                return Optional.of(parsed);
            }
        } catch (NumberFormatException e) {
            // falls through to the problem below: the tag is reported, never fatal
        }
        problems.add("tag " + tag + "=" + raw + " is ignored: it must be " + expected);
        return Optional.empty();
    }
}
