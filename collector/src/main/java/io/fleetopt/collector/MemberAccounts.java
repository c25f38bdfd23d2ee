package io.fleetopt.collector;

import java.util.List;

/** The member accounts a run over several accounts covers: configured, or read from an organizational unit. */
@FunctionalInterface
public interface MemberAccounts {

    /** Their 12-digit ids; empty: the run covers the account it runs in. */
    List<String> accountIds();
}
