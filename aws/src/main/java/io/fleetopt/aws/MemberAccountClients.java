package io.fleetopt.aws;

/**
 * SDK clients in a member account, as its member role: the role the member stack creates there
 * ({@link MemberRole#roleArn}), assumed with the deployment's external id. The applier's writes, the notifier's
 * guard alarms and its realized-savings reads of member accounts all open their clients here.
 */
public final class MemberAccountClients {

    private final AwsClients clients;
    private final MemberRole role;
    private final String partition;
    private final String memberRoleName;

    public MemberAccountClients(AwsClients clients, String externalId, String partition, String memberRoleName) {
        this.clients = clients;
        this.role = new MemberRole(clients, externalId);
        this.partition = partition;
        this.memberRoleName = memberRoleName;
    }

    /** The clients of one (account, region) and the role's session they use; closing closes both. */
    public record Opened(AwsClients clients, MemberRole.Session session) implements AutoCloseable {
        @Override
        public void close() {
            clients.close();
            session.close();
        }
    }

    /** The member role of an account, as the member stack names it. */
    public String roleArn(String accountId) {
        return MemberRole.roleArn(partition, accountId, memberRoleName);
    }

    /**
     * Clients in {@code accountId}'s {@code region} as its member role, sharing this deployment's settings and call
     * counter; the STS session is named {@code <sessionPrefix>-<account>}.
     *
     * @throws MemberRoleDeniedException when the role cannot be assumed
     */
    public Opened open(String accountId, String region, String sessionPrefix) {
        MemberRole.Session session = role.credentials(accountId, region, roleArn(accountId), sessionPrefix + "-" + accountId);
        return new Opened(new AwsClients(clients.settings().withRegion(region).withCredentials(session), clients.counter()), session);
    }
}
