package io.fleetopt.applier;

import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.model.ItemOutcome;
import io.fleetopt.core.port.ArtifactStore;

import java.util.Optional;

/**
 * The run's documents as the state machine's apply steps read and write them. One item's outcome lives at
 * {@code runs/<runId>/outcomes/<itemId>.json}, so a Map iteration passes on only the item id and its status.
 */
final class RunArtifacts {

    private final ArtifactStore store;
    private final DocumentCodec codec;

    RunArtifacts(ArtifactStore store, DocumentCodec codec) {
        this.store = store;
        this.codec = codec;
    }

    static String outcomeKey(String runId, String itemId) {
        return "runs/" + runId + "/outcomes/" + itemId + ".json";
    }

    <T> T read(String key, Class<T> type, String field, String runId) {
        if (key == null) {
            throw new IllegalArgumentException("run " + runId + " has no " + field);
        }
        String json = store.get(key).orElseThrow(() -> new IllegalArgumentException(store.locate(key) + " does not exist"));
        return codec.read(json, type, store.locate(key));
    }

    String locate(String key) {
        return store.locate(key);
    }

    void putOutcome(String runId, ItemOutcome outcome) {
        store.put(outcomeKey(runId, outcome.itemId()), codec.write(outcome));
    }

    Optional<ItemOutcome> outcome(String runId, String itemId) {
        String key = outcomeKey(runId, itemId);
        return store.get(key).map(json -> codec.read(json, ItemOutcome.class, store.locate(key)));
    }

    void put(String key, Object document) {
        store.put(key, codec.write(document));
    }
}
