package io.fleetopt.core.port;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every change fleetopt made, written before the next one starts, so a crash loses nothing and a re-run
 * does not apply twice. Entries are only appended.
 */
public interface ChangeLedger {

    void append(LedgerEntry entry);

    List<LedgerEntry> entries();

    default List<LedgerEntry> entriesOfRun(String runId) {
        return entries().stream().filter(e -> e.runId().equals(runId)).toList();
    }

    /** The latest entry for an item of a run, if any. */
    default Optional<LedgerEntry> latest(String runId, String itemId) {
        return latestOf(entriesOfRun(runId), itemId);
    }

    /** The latest of {@code entries} for an item, if any. */
    static Optional<LedgerEntry> latestOf(List<LedgerEntry> entries, String itemId) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (entries.get(i).itemId().equals(itemId)) {
                return Optional.of(entries.get(i));
            }
        }
        return Optional.empty();
    }

    /** Each item's latest entry (by run and item), in the order the items were first changed. */
    static List<LedgerEntry> latestPerItem(List<LedgerEntry> entries) {
        Map<String, LedgerEntry> latest = new LinkedHashMap<>();
        for (LedgerEntry entry : entries) {
            latest.put(entry.runId() + "/" + entry.itemId(), entry);
        }
        return List.copyOf(latest.values());
    }

    /** The changes still standing: each item's latest entry where it is APPLIED (not rolled back since). */
    static List<LedgerEntry> standing(List<LedgerEntry> entries) {
        return latestPerItem(entries).stream().filter(e -> e.action() == LedgerAction.APPLIED).toList();
    }
}
