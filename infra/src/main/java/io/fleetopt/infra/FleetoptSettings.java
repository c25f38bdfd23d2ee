package io.fleetopt.infra;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * What the deployer chooses, as CDK context values ({@code cdk deploy -c approverEmails=a@x.com,b@x.com}).
 * Lists are comma-separated strings or JSON arrays (in cdk.json).
 *
 * @param approverEmails          who receives the approval request and the weekly summary
 * @param schedule                EventBridge schedule expression of the weekly run
 * @param scopeTags               key=value tags a function must all have to be in scope (none: every function)
 * @param namePatterns            function name globs, any of which a function must match (none: every name)
 * @param regions                 regions the collector looks at
 * @param autoApproveRisks        risk levels whose changes are applied without asking (default none)
 * @param approvalTimeoutHours    how long the approver has before the run ends unchanged
 * @param logRetentionDays        retention of the optimizer's own log groups
 * @param artifactRetentionDays   how long run documents stay in the artifact bucket
 */
public record FleetoptSettings(
        List<String> approverEmails,
        String schedule,
        List<String> scopeTags,
        List<String> namePatterns,
        List<String> regions,
        List<String> autoApproveRisks,
        int approvalTimeoutHours,
        int logRetentionDays,
        int artifactRetentionDays) {

    /** Monday 06:00 UTC, every week. */
    public static final String WEEKLY_SCHEDULE = "cron(0 6 ? * MON *)";
    private static final List<String> RISKS = List.of("LOW", "MEDIUM", "HIGH");
    private static final List<Integer> LOG_RETENTION_DAYS = List.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400,
            545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);

    public FleetoptSettings {
        approverEmails = List.copyOf(approverEmails);
        scopeTags = List.copyOf(scopeTags);
        namePatterns = List.copyOf(namePatterns);
        regions = List.copyOf(regions);
        autoApproveRisks = autoApproveRisks.stream().map(r -> r.toUpperCase(Locale.ROOT)).toList();
        require(!approverEmails.isEmpty(), "approverEmails", "is required: who approves the changes "
                + "(cdk deploy -c approverEmails=you@example.com)");
        for (String email : approverEmails) {
            require(email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+"), "approverEmails", "'" + email + "' is not an email address");
        }
        for (String tag : scopeTags) {
            require(tag.matches("[^=]+=[^=]*"), "scopeTags", "'" + tag + "' is not key=value");
        }
        for (String pattern : namePatterns) {
            require(pattern.matches("[A-Za-z0-9_*?-]+"), "namePatterns", "'" + pattern
                    + "' is not a function name glob (letters, digits, '-', '_', '*', '?')");
        }
        require(!regions.isEmpty(), "regions", "needs at least one region");
        for (String risk : autoApproveRisks) {
            require(RISKS.contains(risk), "autoApproveRisks", "'" + risk + "' is not one of " + RISKS);
        }
        require(approvalTimeoutHours >= 1 && approvalTimeoutHours <= 24 * 30, "approvalTimeoutHours",
                approvalTimeoutHours + " must be 1 to 720 (30 days)");
        require(LOG_RETENTION_DAYS.contains(logRetentionDays), "logRetentionDays", logRetentionDays
                + " is not a CloudWatch Logs retention (one of " + LOG_RETENTION_DAYS + ")");
        require(artifactRetentionDays >= 7, "artifactRetentionDays", artifactRetentionDays
                + " must be at least 7: the next week's run reads the last one's documents");
    }

    /** The defaults with the given approvers: weekly on Monday 06:00 UTC, us-east-1, nothing auto-approved, 72 h. */
    public static FleetoptSettings defaults(List<String> approverEmails) {
        return new FleetoptSettings(approverEmails, WEEKLY_SCHEDULE, List.of(), List.of(), List.of("us-east-1"), List.of(),
                72, 30, 90);
    }

    /** Reads the settings from CDK context values; what is not given keeps its default. */
    public static FleetoptSettings fromContext(Function<String, Object> context, String defaultRegion) {
        return new FleetoptSettings(
                list(context.apply("approverEmails")),
                text(context.apply("schedule"), WEEKLY_SCHEDULE),
                list(context.apply("scopeTags")),
                list(context.apply("namePatterns")),
                orDefault(list(context.apply("regions")), List.of(defaultRegion)),
                list(context.apply("autoApproveRisks")),
                number(context.apply("approvalTimeoutHours"), 72, "approvalTimeoutHours"),
                number(context.apply("logRetentionDays"), 30, "logRetentionDays"),
                number(context.apply("artifactRetentionDays"), 90, "artifactRetentionDays"));
    }

    public int approvalTimeoutSeconds() {
        return approvalTimeoutHours * 3600;
    }

    private static List<String> list(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> values) {
            return values.stream().map(String::valueOf).map(String::trim).filter(v -> !v.isEmpty()).toList();
        }
        return Arrays.stream(String.valueOf(value).split(",")).map(String::trim).filter(v -> !v.isEmpty()).toList();
    }

    private static List<String> orDefault(List<String> values, List<String> fallback) {
        return values.isEmpty() ? fallback : values;
    }

    private static String text(Object value, String fallback) {
        return value == null || String.valueOf(value).isBlank() ? fallback : String.valueOf(value).trim();
    }

    private static int number(Object value, int fallback, String key) {
        if (value == null || String.valueOf(value).isBlank()) {
            return fallback;
        }
        try {
            return value instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(value).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("context value " + key + " is '" + value + "', not a whole number", e);
        }
    }

    private static void require(boolean ok, String key, String problem) {
        if (!ok) {
            throw new IllegalArgumentException("context value " + key + ": " + problem);
        }
    }
}
