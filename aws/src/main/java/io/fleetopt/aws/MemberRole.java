package io.fleetopt.aws;

import io.fleetopt.core.model.CollectTarget;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

import java.util.List;

/**
 * The credentials of a target's member role: {@code sts:AssumeRole} with the deployment's external id, through the
 * SDK's {@link StsAssumeRoleCredentialsProvider} (refreshed before they expire), from STS in the target's region.
 * The role is assumed once up front, so a role that cannot be assumed fails the target with its name, not every
 * read or write after it. The collector reads a target through it; the applier writes a member account's function
 * through it (the role of the function ARN's account, in the ARN's region).
 */
public final class MemberRole {

    /** What assuming the member role calls. */
    public static final List<String> IAM_ACTIONS = List.of("sts:AssumeRole");

    private final AwsClients clients;
    private final String externalId;

    public MemberRole(AwsClients clients, String externalId) {
        if (externalId == null || externalId.isBlank()) {
            throw new IllegalArgumentException("fleetopt.organization.external-id is not set: the member role trusts "
                    + "the management account's stage roles only with the deployment's external id");
        }
        this.clients = clients;
        this.externalId = externalId;
    }

    /** The member role the member stack creates in {@code accountId}: {@code arn:<partition>:iam::<account>:role/<roleName>}. */
    public static String roleArn(String partition, String accountId, String roleName) {
        return "arn:" + partition + ":iam::" + accountId + ":role/" + roleName;
    }

    /** Assumed credentials; closing them closes their STS client too. */
    public interface Session extends AwsCredentialsProvider, AutoCloseable {
        @Override
        void close();
    }

    /** The member role's credentials for {@code target} (it must name a role); its first session is already assumed. */
    public Session credentials(CollectTarget target, String sessionName) {
        if (target.roleArn() == null) {
            throw new IllegalArgumentException("target " + target.path() + " names no member role");
        }
        return credentials(target.accountId(), target.region(), target.roleArn(), sessionName);
    }

    /** The credentials of {@code roleArn} (a member role of {@code accountId}) from STS in {@code region}. */
    public Session credentials(String accountId, String region, String roleArn, String sessionName) {
        AwsClients regional = clients.inRegion(region);
        StsClient sts = regional.build(StsClient.builder());
        StsAssumeRoleCredentialsProvider provider = StsAssumeRoleCredentialsProvider.builder()
                .stsClient(sts)
                .refreshRequest(b -> b.roleArn(roleArn).externalId(externalId)
                        .roleSessionName(sessionName(sessionName)).durationSeconds(3600))
                .build();
        try {
            provider.resolveCredentials();
        } catch (AwsServiceException e) {
            provider.close();
            regional.close();
            String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
            throw new MemberRoleDeniedException("cannot assume " + roleArn + " in account "
                    + accountId + " (" + code + "): deploy the member stack there (it trusts this deployment's "
                    + "stage roles with its external id) and check both use the same external id", e);
        }
        return new Session() {
            @Override
            public software.amazon.awssdk.auth.credentials.AwsCredentials resolveCredentials() {
                return provider.resolveCredentials();
            }

            @Override
            public void close() {
                provider.close();
                regional.close();
            }
        };
    }

    /** STS allows 2 to 64 characters of {@code [\w+=,.@-]}. */
    static String sessionName(String name) {
        String cleaned = name.replaceAll("[^\\w+=,.@-]", "-");
        return cleaned.length() > 64 ? cleaned.substring(0, 64) : cleaned.length() < 2 ? cleaned + "-s" : cleaned;
    }
}
