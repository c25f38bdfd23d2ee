package io.fleetopt.notifier;

import io.fleetopt.core.model.RunIndex;
import io.fleetopt.core.model.RunState;
import io.fleetopt.core.model.SavingsReport;
import io.fleetopt.core.port.ArtifactKeys;
import io.fleetopt.core.port.ChangeLedger;
import io.fleetopt.core.port.DocumentStore;
import io.fleetopt.core.port.Message;
import io.fleetopt.core.port.MessageSender;
import io.fleetopt.notifier.report.ReportLink;
import io.fleetopt.notifier.report.ReportPublisher;
import io.fleetopt.notifier.report.WeeklyReportBuilder;
import io.micronaut.core.annotation.Nullable;

import java.time.Clock;

/**
 * The NotifyIndexedPlan state: reads the run's index and sends its one message ({@link IndexedPlanMessage}). With a
 * report publisher, and when VerifyEarlierChanges kept the run's savings check, it first stores the run's one weekly
 * report (a section per account and region, {@link WeeklyReportBuilder#buildForMemberRun}) and the message links it.
 */
public final class NotifyIndexedPlanStage {

    private final MessageSender sender;
    private final DocumentStore documents;
    private final ChangeLedger ledger;
    private final ReportPublisher reports;
    private final String account;
    private final Clock clock;

    /** Without a report: the message only. */
    public NotifyIndexedPlanStage(MessageSender sender, DocumentStore documents) {
        this(sender, documents, null, null, null, Clock.systemUTC());
    }

    /** {@code ledger} holds the changes made for the run (read by run id); {@code account} names the deployment in the report. */
    public NotifyIndexedPlanStage(MessageSender sender, DocumentStore documents, @Nullable ChangeLedger ledger,
                                  @Nullable ReportPublisher reports, @Nullable String account, Clock clock) {
        this.sender = sender;
        this.documents = documents;
        this.ledger = ledger;
        this.reports = reports;
        this.account = account;
        this.clock = clock;
    }

    public RunState run(RunState state) {
        String key = ArtifactKeys.index(state.runId());
        RunIndex index = documents.read(key, RunIndex.class, "run index");
        Message message = IndexedPlanMessage.of(index, documents.locate(key), documents::locate);
        ReportLink link = publish(index);
        sender.send(link == null ? message
                : new Message(message.kind(), message.runId(), message.subject(), message.body() + "\n" + link.text()));
        return state;
    }

    /** Stores the run's report when its savings check ran; its link, or null. */
    private ReportLink publish(RunIndex index) {
        if (reports == null || ledger == null) {
            return null;
        }
        return documents.find(ArtifactKeys.savings(index.runId()), SavingsReport.class)
                .map(savings -> reports.publish(WeeklyReportBuilder.buildForMemberRun(account, savings, index,
                        ledger.entriesOfRun(index.runId()), clock.instant())))
                .orElse(null);
    }
}
