package io.fleetopt.notifier;

import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.model.RunState;
import io.fleetopt.core.model.SavingsReport;
import io.fleetopt.core.port.ArtifactKeys;
import io.fleetopt.core.port.ArtifactStore;
import io.fleetopt.core.port.ChangeLedger;

/** The VerifyEarlierChanges state: the realized savings of earlier runs, kept for this run's summary. */
public final class VerifyEarlierChangesStage {

    private final SavingsVerifier verifier;
    private final ChangeLedger ledger;
    private final ArtifactStore store;
    private final DocumentCodec codec;

    public VerifyEarlierChangesStage(SavingsVerifier verifier, ChangeLedger ledger, ArtifactStore store, DocumentCodec codec) {
        this.verifier = verifier;
        this.ledger = ledger;
        this.store = store;
        this.codec = codec;
    }

    public SavingsReport verify(String runId) {
        SavingsReport report = verifier.verify(runId, ledger.entries());
        store.put(ArtifactKeys.savings(runId), codec.write(report));
        return report;
    }

    public RunState run(RunState state) {
        verify(state.runId());
        return state;
    }
}
