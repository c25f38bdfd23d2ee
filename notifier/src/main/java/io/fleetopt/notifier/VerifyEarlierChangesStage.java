package io.fleetopt.notifier;

import io.fleetopt.core.model.RunState;
import io.fleetopt.core.model.SavingsReport;
import io.fleetopt.core.port.ArtifactKeys;
import io.fleetopt.core.port.ChangeLedger;
import io.fleetopt.core.port.DocumentStore;

/** The VerifyEarlierChanges state: the realized savings of earlier runs, kept for this run's summary. */
public final class VerifyEarlierChangesStage {

    private final SavingsVerifier verifier;
    private final ChangeLedger ledger;
    private final DocumentStore documents;

    public VerifyEarlierChangesStage(SavingsVerifier verifier, ChangeLedger ledger, DocumentStore documents) {
        this.verifier = verifier;
        this.ledger = ledger;
        this.documents = documents;
    }

    public SavingsReport verify(String runId) {
        SavingsReport report = verifier.verify(runId, ledger.entriesBetween(verifier.ledgerWindowStart(), verifier.ledgerWindowEnd()));
        documents.write(ArtifactKeys.savings(runId), report);
        return report;
    }

    public RunState run(RunState state) {
        verify(state.runId());
        return state;
    }
}
