package io.fleetopt.core.port;

import io.fleetopt.core.json.DocumentCodec;

import java.util.Optional;

/** The run's documents in the artifact store: written as JSON, read strictly, missing ones named. */
public final class DocumentStore {

    private final ArtifactStore store;
    private final DocumentCodec codec;

    public DocumentStore(ArtifactStore store, DocumentCodec codec) {
        this.store = store;
        this.codec = codec;
    }

    /** Reads the document at {@code key}; {@code what} names it in the error when the key or document is missing. */
    public <T> T read(String key, Class<T> type, String what) {
        if (key == null) {
            throw new IllegalArgumentException("no " + what + " key in the run's state");
        }
        return find(key, type).orElseThrow(() -> new IllegalArgumentException(what + " " + store.locate(key) + " does not exist"));
    }

    /** A document and the store's version of it (null where the store keeps none). */
    public record Versioned<T>(T document, String versionId) {
    }

    /** As {@link #read}, with the version the store read (S3's VersionId), to pin what was read. */
    public <T> Versioned<T> readVersioned(String key, Class<T> type, String what) {
        if (key == null) {
            throw new IllegalArgumentException("no " + what + " key in the run's state");
        }
        StoredText text = store.getVersioned(key)
                .orElseThrow(() -> new IllegalArgumentException(what + " " + store.locate(key) + " does not exist"));
        return new Versioned<>(codec.read(text.content(), type, store.locate(key)), text.versionId());
    }

    /** Records a decision with its approved items file ({@link DecisionWriter}) in this store. */
    public io.fleetopt.core.model.Decision writeDecision(String decisionKey, io.fleetopt.core.model.Decision decision,
                                                         io.fleetopt.core.model.Plan plan, String planVersionId) {
        return new DecisionWriter(store, codec).write(decisionKey, decision, plan, planVersionId);
    }

    /** Records a decision over a run index with its targets' approved lines ({@link DecisionWriter}) in this store. */
    public io.fleetopt.core.model.Decision writeDecision(String decisionKey, io.fleetopt.core.model.Decision decision,
                                                         io.fleetopt.core.model.RunIndex index,
                                                         java.util.List<IndexedPlans.TargetPlan> plans, String indexVersionId) {
        return new DecisionWriter(store, codec).write(decisionKey, decision, index, plans, indexVersionId);
    }

    public <T> Optional<T> find(String key, Class<T> type) {
        return store.get(key).map(json -> codec.read(json, type, store.locate(key)));
    }

    /** Writes a document and returns its key. */
    public String write(String key, Object document) {
        store.put(key, codec.write(document));
        return key;
    }

    public String locate(String key) {
        return store.locate(key);
    }
}
