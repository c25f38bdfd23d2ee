package io.fleetopt.collector;

import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.model.FleetSnapshot;
import io.fleetopt.core.model.RunState;
import io.fleetopt.core.port.ArtifactKeys;
import io.fleetopt.core.port.ArtifactStore;
import io.fleetopt.core.port.CollectRequest;
import io.fleetopt.core.port.EvidenceFiles;
import io.fleetopt.core.port.FleetSource;

/**
 * The Collect state: discovers the fleet and stores the snapshot, and each function's evidence on its own (what one
 * apply iteration reads); passes on only its key and counts.
 */
public final class CollectStage {

    private final FleetSource source;
    private final ArtifactStore store;
    private final DocumentCodec codec;

    public CollectStage(FleetSource source, ArtifactStore store, DocumentCodec codec) {
        this.source = source;
        this.store = store;
        this.codec = codec;
    }

    public RunState run(RunState state, CollectRequest request) {
        FleetSnapshot snapshot = source.collect(request);
        String key = ArtifactKeys.snapshot(state.runId());
        store.put(key, codec.write(snapshot));
        new EvidenceFiles(store, codec).writeAll(snapshot);
        return state.withSnapshot(key, snapshot.functions().size());
    }
}
