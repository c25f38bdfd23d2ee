package io.fleetopt.notifier;

import io.fleetopt.core.port.FunctionSettingsReader;
import io.fleetopt.core.port.FunctionTrafficReader;
import io.fleetopt.core.port.FunctionUsageHistory;

/**
 * What the savings check reads in a member account, in one region, through that account's member role: its
 * functions' usage (metrics), live settings and aliases. The same ports the check reads in the deployment's own
 * account, so a member change is measured by the same rule ({@link SavingsVerifier}).
 */
public interface MemberAccountReaders {

    /** One member account's reads in one region. */
    record Readers(FunctionUsageHistory usage, FunctionSettingsReader live, FunctionTrafficReader traffic) {
    }

    /** The reads of {@code accountId} in {@code region}; throws {@link MemberAccountUnreadableException} naming why it cannot. */
    Readers open(String accountId, String region);
}
