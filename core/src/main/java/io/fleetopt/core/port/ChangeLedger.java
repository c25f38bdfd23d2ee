package io.fleetopt.core.port;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every change fleetopt made or set out to make, written ahead of it (see {@link LedgerAction}): a crash between
 * the intent and the change leaves the intent, which the next apply or rollback reconciles with the live value.
 * Entries are only added, each in its own slot (run, item, {@link LedgerAction#slot()}), and read by key.
 */
public interface ChangeLedger {

    /**
     * Records the entry if its slot (run, item, slot) is still free, durably, before returning: true when this
     * call wrote it, false when an entry was already there (a retry, or another process got there first).
     */
    boolean record(LedgerEntry entry);

    /** Records an entry whose slot is known to be free (a test, or an import). */
    default void append(LedgerEntry entry) {
        record(entry);
    }

    /** A run's entries, in the order they were made. */
    List<LedgerEntry> entriesOfRun(String runId);

    /** One item's entries of a run, in the order they were made. */
    default List<LedgerEntry> entriesOfItem(String runId, String itemId) {
        return entriesOfRun(runId).stream().filter(e -> e.itemId().equals(itemId)).toList();
    }

    /** Every run's entries about one function, in the order they were made. */
    List<LedgerEntry> entriesOfFunction(String functionArn);

    /** The entries made in [from, toExclusive), in the order they were made. */
    List<LedgerEntry> entriesBetween(Instant from, Instant toExclusive);

    /** The latest completed change (APPLIED or ROLLED_BACK) of an item of a run, if any. */
    default Optional<LedgerEntry> latest(String runId, String itemId) {
        return latestOf(entriesOfItem(runId, itemId), itemId);
    }

    /** The latest completed change of {@code entries} for an item, if any. */
    static Optional<LedgerEntry> latestOf(List<LedgerEntry> entries, String itemId) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            LedgerEntry entry = entries.get(i);
            if (entry.itemId().equals(itemId) && entry.action().isCompletedChange()) {
                return Optional.of(entry);
            }
        }
        return Optional.empty();
    }

    /** Each item's latest completed change (by run and item), in the order the items were first changed. */
    static List<LedgerEntry> latestPerItem(List<LedgerEntry> entries) {
        Map<String, LedgerEntry> latest = new LinkedHashMap<>();
        for (LedgerEntry entry : entries) {
            if (entry.action().isCompletedChange()) {
                latest.put(entry.runId() + "/" + entry.itemId(), entry);
            }
        }
        return List.copyOf(latest.values());
    }

    /** The changes still standing: each item's latest completed change where it is APPLIED (not rolled back since). */
    static List<LedgerEntry> standing(List<LedgerEntry> entries) {
        return latestPerItem(entries).stream().filter(e -> e.action() == LedgerAction.APPLIED).toList();
    }
}
