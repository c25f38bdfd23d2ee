package io.fleetopt.infra;

import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What the member stack is given, as CDK context values: the management account and the name of its fleetopt stack
 * (whose stage roles the member role trusts), the external id, the member role's name, the scope the applier's
 * changes are limited to (the same {@code scopeTags}, {@code namePatterns} and {@code regions} as the management stack),
 * and the management stack's region ({@code managementRegion}; default: the member stack's own), whose default event bus
 * receives the guard alarms' state changes.
 */
public record MemberStackSettings(String managementAccount, String managementStackName, String externalId,
                                  String memberRoleName, List<String> scopeTags, List<String> namePatterns, List<String> regions,
                                  String managementRegion) {

    /**
     * The management stack's roles that assume the member role, the one list of them: the collector's per target,
     * ApplyItem's for a member run's lines, WireAlarms' for their guard alarms, the savings check's reads, and
     * Rollback's to restore a member account's change. The member role trusts exactly these, and only they are given
     * the member account settings ({@link FleetoptStack#MEMBER_ACCOUNT_STATES}).
     */
    public static final List<String> TRUSTED_STATES = List.of("CollectTarget", "ApplyItem", "WireAlarms", "VerifyEarlierChanges",
            "Rollback");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

    public MemberStackSettings {
        scopeTags = List.copyOf(scopeTags);
        namePatterns = List.copyOf(namePatterns);
        regions = List.copyOf(regions);
        require(managementAccount != null && ACCOUNT.matcher(managementAccount).matches(), "managementAccount",
                "is required: the 12-digit account the fleetopt stack runs in");
        // the same rules as the management stack's (one place: MemberAccountSettings)
        new MemberAccountSettings(List.of(managementAccount), "", memberRoleName, externalId);
        require(managementStackName != null && managementStackName.matches("[A-Za-z][A-Za-z0-9-]{0,127}"), "managementStackName",
                "'" + managementStackName + "' is not a CloudFormation stack name");
        require(!regions.isEmpty(), "regions", "needs at least one region");
        managementRegion = managementRegion == null || managementRegion.isBlank() ? null : managementRegion.strip();
        require(managementRegion == null || managementRegion.matches("[a-z]{2}(-[a-z]+)+-\\d"), "managementRegion",
                "'" + managementRegion + "' is not an AWS region");
    }

    /** Without {@code managementRegion}: the management stack is in the region the member stack is deployed to. */
    public MemberStackSettings(String managementAccount, String managementStackName, String externalId, String memberRoleName,
                               List<String> scopeTags, List<String> namePatterns, List<String> regions) {
        this(managementAccount, managementStackName, externalId, memberRoleName, scopeTags, namePatterns, regions, null);
    }

    public static MemberStackSettings fromContext(Function<String, Object> context, String defaultRegion) {
        return new MemberStackSettings(text(context.apply("managementAccount"), null),
                text(context.apply("managementStackName"), "fleetopt"), text(context.apply("externalId"), ""),
                text(context.apply("memberRoleName"), MemberAccountSettings.DEFAULT_ROLE_NAME),
                list(context.apply("scopeTags")), list(context.apply("namePatterns")),
                list(context.apply("regions")).isEmpty() ? List.of(defaultRegion) : list(context.apply("regions")),
                text(context.apply("managementRegion"), null));
    }

    private static List<String> list(Object value) {
        if (value == null) {
            return List.of();
        }
        return java.util.Arrays.stream(String.valueOf(value).split(",")).map(String::strip).filter(v -> !v.isEmpty()).toList();
    }

    private static String text(Object value, String fallback) {
        return value == null || String.valueOf(value).isBlank() ? fallback : String.valueOf(value).strip();
    }

    private static void require(boolean ok, String key, String problem) {
        if (!ok) {
            throw new IllegalArgumentException("context value " + key + ": " + problem);
        }
    }
}
