package io.fleetopt.collector;

import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.model.FleetSnapshot;
import io.fleetopt.core.model.TargetRunState;
import io.fleetopt.core.port.ArtifactKeys;
import io.fleetopt.core.port.ArtifactStore;
import io.fleetopt.core.port.CollectRequest;
import io.fleetopt.core.port.EvidenceFiles;

import java.util.List;

/**
 * The CollectTarget state: one (account, region) of a run over several accounts, read through that account's
 * member role, its snapshot stored under the run's prefix, and each function's evidence on its own (keyed by its ARN,
 * which names the account and region), for the apply iteration that changes it. A snapshot of another account than the target's (a
 * member role that lives elsewhere) is refused: nothing is stored.
 */
public final class CollectTargetStage {

    private final TargetFleetSources sources;
    private final ArtifactStore store;
    private final DocumentCodec codec;

    public CollectTargetStage(TargetFleetSources sources, ArtifactStore store, DocumentCodec codec) {
        this.sources = sources;
        this.store = store;
        this.codec = codec;
    }

    /** {@code request} is the run's collect request; its regions are replaced by the target's. */
    public TargetRunState run(TargetRunState state, CollectRequest request) {
        CollectRequest targetRequest = new CollectRequest(state.runId(), List.of(state.target().region()),
                request.lookbackDays(), request.scope());
        FleetSnapshot snapshot;
        try (TargetFleetSources.TargetFleetSource source = sources.open(state.target(), state.runId())) {
            snapshot = source.collect(targetRequest);
        }
        // the snapshot's account is read from its functions' ARNs: a region without functions names none, and has
        // nothing of another account to refuse
        if (!snapshot.functions().isEmpty() && snapshot.accountId() != null
                && !snapshot.accountId().equals(state.target().accountId())) {
            throw new IllegalStateException("target " + state.target().path() + ": the member role read account "
                    + snapshot.accountId() + ", not " + state.target().accountId() + "; nothing stored");
        }
        String key = ArtifactKeys.snapshot(state.runId(), state.target());
        store.put(key, codec.write(snapshot));
        new EvidenceFiles(store, codec).writeAll(snapshot);
        return state.withSnapshot(key, snapshot.functions().size());
    }
}
