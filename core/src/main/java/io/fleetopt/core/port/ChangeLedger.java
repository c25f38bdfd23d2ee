package io.fleetopt.core.port;

import java.util.List;
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
        List<LedgerEntry> ofItem = entriesOfRun(runId).stream().filter(e -> e.itemId().equals(itemId)).toList();
        return ofItem.isEmpty() ? Optional.empty() : Optional.of(ofItem.get(ofItem.size() - 1));
    }
}
