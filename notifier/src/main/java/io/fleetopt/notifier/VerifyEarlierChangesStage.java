package io.fleetopt.notifier;

import io.fleetopt.core.model.RunState;
import io.fleetopt.core.model.SavingsReport;
import io.fleetopt.core.model.WeekSavings;
import io.fleetopt.core.port.ArtifactKeys;
import io.fleetopt.core.port.ChangeLedger;
import io.fleetopt.core.port.DocumentStore;

import java.util.List;

/**
 * The VerifyEarlierChanges state: the realized savings of earlier runs, kept for this run's summary and report, and
 * as the latest report, whose week-by-week history the next run carries on.
 */
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
        List<WeekSavings> earlierWeeks = documents.find(ReportKeys.LATEST_SAVINGS, SavingsReport.class)
                .map(SavingsReport::weeks).orElse(List.of());
        SavingsReport report = verifier.verify(runId, ledger.entriesBetween(verifier.ledgerWindowStart(),
                verifier.ledgerWindowEnd()), earlierWeeks);
        documents.write(ArtifactKeys.savings(runId), report);
        documents.write(ReportKeys.LATEST_SAVINGS, report);
        return report;
    }

    public RunState run(RunState state) {
        verify(state.runId());
        return state;
    }
}
