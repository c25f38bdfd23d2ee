package io.fleetopt.core.port;

/**
 * What a ledger entry records. A change is written ahead: its INTENT before the function is touched, then one
 * completion, APPLIED (the change is in place) or ABANDONED (it was not made). A rollback likewise: ROLLBACK_INTENT,
 * then ROLLED_BACK. ROLLBACK_DECLINED records that a guard alarm asked for a rollback that was not made (someone changed
 * the setting since): once per item, so a repeated alarm event sends no second notice. Each entry has one slot per run and item, so a retry or a second process can never record an
 * item's intent or completion twice.
 */
public enum LedgerAction {
    INTENT("1-intent"),
    APPLIED("2-done"),
    ABANDONED("2-done"),
    /** The canary of an alias move (see {@link AliasMove}) was promoted: the alias sends all its traffic to the new version. */
    PROMOTED("2-promoted"),
    ROLLBACK_INTENT("3-rollback-intent"),
    ROLLED_BACK("4-rolled-back"),
    ROLLBACK_DECLINED("5-rollback-declined");

    private final String slot;

    LedgerAction(String slot) {
        this.slot = slot;
    }

    /** The entry's place among an item's entries: at most one entry per run, item and slot. */
    public String slot() {
        return slot;
    }

    /** True for the entries that say what the function's setting is now: APPLIED and ROLLED_BACK. */
    public boolean isCompletedChange() {
        return this == APPLIED || this == ROLLED_BACK;
    }
}
