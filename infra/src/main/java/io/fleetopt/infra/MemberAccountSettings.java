package io.fleetopt.infra;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The member accounts a deployment's weekly run covers, as CDK context values: a list ({@code -c
 * memberAccounts=111111111111,222222222222}) or an AWS Organizations parent ({@code -c organizationalUnit=ou-...}),
 * the member role's name ({@code memberRoleName}, default {@code fleetopt-member}) and the external id it requires
 * ({@code externalId}, required with either). Neither given: the single-account deployment, unchanged.
 */
public record MemberAccountSettings(List<String> memberAccounts, String organizationalUnit, String memberRoleName,
                                    String externalId) {

    public static final String DEFAULT_ROLE_NAME = "fleetopt-member";
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern PARENT = Pattern.compile("ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|r-[0-9a-z]{4,32}");
    private static final Pattern ROLE_NAME = Pattern.compile("[\\w+=,.@-]{1,64}");
    private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]{2,1224}");

    public MemberAccountSettings {
        memberAccounts = List.copyOf(memberAccounts);
        organizationalUnit = organizationalUnit == null ? "" : organizationalUnit;
        memberRoleName = memberRoleName == null || memberRoleName.isBlank() ? DEFAULT_ROLE_NAME : memberRoleName;
        externalId = externalId == null ? "" : externalId;
        for (String account : memberAccounts) {
            require(ACCOUNT.matcher(account).matches(), "memberAccounts", "'" + account + "' is not a 12-digit account id");
        }
        require(memberAccounts.isEmpty() || organizationalUnit.isEmpty(), "organizationalUnit",
                "give either memberAccounts or organizationalUnit, not both");
        require(organizationalUnit.isEmpty() || PARENT.matcher(organizationalUnit).matches(), "organizationalUnit",
                "'" + organizationalUnit + "' is not an organizational unit id (ou-...) or a root id (r-...)");
        require(ROLE_NAME.matcher(memberRoleName).matches(), "memberRoleName", "'" + memberRoleName + "' is not an IAM role name");
        boolean configured = !memberAccounts.isEmpty() || !organizationalUnit.isEmpty();
        require(!configured || EXTERNAL_ID.matcher(externalId).matches(), "externalId",
                "is required with member accounts (2 to 1,224 characters of letters, digits and +=,.@:/-)");
    }

    public static MemberAccountSettings none() {
        return new MemberAccountSettings(List.of(), "", DEFAULT_ROLE_NAME, "");
    }

    public static MemberAccountSettings fromContext(Function<String, Object> context) {
        Object accounts = context.apply("memberAccounts");
        List<String> list = new ArrayList<>();
        if (accounts != null) {
            for (String a : String.valueOf(accounts).split(",")) {
                if (!a.isBlank()) {
                    list.add(a.strip());
                }
            }
        }
        return new MemberAccountSettings(list, text(context.apply("organizationalUnit")), text(context.apply("memberRoleName")),
                text(context.apply("externalId")));
    }

    /** Whether the run covers member accounts (else the account it is deployed to). */
    public boolean configured() {
        return !memberAccounts.isEmpty() || !organizationalUnit.isEmpty();
    }

    public boolean readsOrganization() {
        return !organizationalUnit.isEmpty();
    }

    /** The member roles the stages may assume: the listed accounts', or that name in any account of an organizational unit. */
    public List<String> memberRoleArns(String partition) {
        if (!configured()) {
            return List.of();
        }
        List<String> accounts = memberAccounts.isEmpty() ? List.of("*") : memberAccounts;
        return accounts.stream().map(a -> io.fleetopt.aws.MemberRole.roleArn(partition, a, memberRoleName)).toList();
    }

    /** What the collector reads ({@code fleetopt.organization.*}). */
    public Map<String, String> environment(String partition) {
        Map<String, String> env = new LinkedHashMap<>();
        if (!configured()) {
            return env;
        }
        if (!memberAccounts.isEmpty()) {
            env.put("FLEETOPT_ORGANIZATION_MEMBER_ACCOUNTS", String.join(",", memberAccounts));
        }
        if (!organizationalUnit.isEmpty()) {
            env.put("FLEETOPT_ORGANIZATION_ORGANIZATIONAL_UNIT", organizationalUnit);
        }
        env.put("FLEETOPT_ORGANIZATION_MEMBER_ROLE_NAME", memberRoleName);
        env.put("FLEETOPT_ORGANIZATION_EXTERNAL_ID", externalId);
        env.put("FLEETOPT_ORGANIZATION_PARTITION", partition);
        return env;
    }

    private static String text(Object value) {
        return value == null ? "" : String.valueOf(value).strip();
    }

    private static void require(boolean ok, String key, String problem) {
        if (!ok) {
            throw new IllegalArgumentException("context value " + key + ": " + problem);
        }
    }
}
