package io.fleetopt.notifier;

import io.fleetopt.core.model.LearnedResponse;
import io.fleetopt.core.model.RunState;
import io.fleetopt.core.model.SavingsReport;
import io.fleetopt.core.model.WeekSavings;
import io.fleetopt.core.port.ArtifactKeys;
import io.fleetopt.core.port.ChangeLedger;
import io.fleetopt.core.port.DocumentStore;
import io.fleetopt.core.port.LearnedResponseStore;
import io.fleetopt.core.port.LedgerEntry;

import java.util.List;

/**
 * The VerifyEarlierChanges state: the realized savings of earlier runs, kept for this run's summary and report, and
 * as the latest report, whose week-by-week history the next run carries on; and what earlier memory changes taught
 * about each function's response to memory ({@link ResponseLearner}), kept in the learned responses the analyzer
 * reads.
 */
public final class VerifyEarlierChangesStage {

    private final SavingsVerifier verifier;
    private final ResponseLearner learner;
    private final ChangeLedger ledger;
    private final DocumentStore documents;
    private final LearnedResponseStore learned;

    public VerifyEarlierChangesStage(SavingsVerifier verifier, ResponseLearner learner, ChangeLedger ledger, DocumentStore documents) {
        this.verifier = verifier;
        this.learner = learner;
        this.ledger = ledger;
        this.documents = documents;
        this.learned = new LearnedResponseStore(documents);
    }

    /** The savings report and the responses learned this run. */
    public record Verified(SavingsReport savings, List<LearnedResponse> learnedNow) {
    }

    public SavingsReport verify(String runId) {
        return verifyAndLearn(runId).savings();
    }

    public Verified verifyAndLearn(String runId) {
        List<WeekSavings> earlierWeeks = documents.find(ReportKeys.LATEST_SAVINGS, SavingsReport.class)
                .map(SavingsReport::weeks).orElse(List.of());
        List<LedgerEntry> entries = ledger.entriesBetween(verifier.ledgerWindowStart(), verifier.ledgerWindowEnd());
        SavingsReport report = verifier.verify(runId, entries, earlierWeeks);
        documents.write(ArtifactKeys.savings(runId), report);
        documents.write(ReportKeys.LATEST_SAVINGS, report);
        ResponseLearner.Learning learning = learner.learn(runId, entries, learned.load());
        learned.save(learning.responses());
        return new Verified(report, learning.learnedNow());
    }

    public RunState run(RunState state) {
        verify(state.runId());
        return state;
    }
}
