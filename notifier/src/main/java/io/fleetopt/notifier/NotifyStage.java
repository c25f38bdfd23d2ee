package io.fleetopt.notifier;

import io.fleetopt.core.change.GuardResponse;
import io.fleetopt.core.change.GuardWindow;
import io.fleetopt.core.model.ApplyResult;
import io.fleetopt.core.model.FleetSnapshot;
import io.fleetopt.core.port.Message;
import io.fleetopt.notifier.report.ReportLink;
import io.fleetopt.notifier.report.ReportPublisher;
import io.fleetopt.notifier.report.WeeklyReportBuilder;
import io.fleetopt.core.model.Plan;
import io.fleetopt.core.model.RunState;
import io.fleetopt.core.model.SavingsReport;
import io.fleetopt.core.port.ArtifactKeys;
import io.fleetopt.core.port.DocumentStore;
import io.fleetopt.core.port.MessageSender;
import io.fleetopt.core.port.StoredOutcomes;

import java.time.Clock;

/** The notifier's states: RequestApproval, NotifyNoChanges, NotifySummary, NotifyFailure, NotifyExpired, NotifyRejected. */
public final class NotifyStage {

    private final MessageSender sender;
    private final DocumentStore documents;
    private final String account;
    private final String cliAccountFlags;
    private final ReportPublisher reports;
    private final Clock clock;
    private final String guardResponse;

    /**
     * {@code cliAccountFlags} go into the commands the messages suggest (e.g. "--demo" locally, "--stack NAME --region R"
     * for a deployed run); null where the deployment did not say how to reach it (no command to give). {@code reports}
     * stores the weekly report that the summary links to.
     */
    public NotifyStage(MessageSender sender, DocumentStore documents, String account, String cliAccountFlags, ReportPublisher reports,
                       Clock clock) {
        this(sender, documents, account, cliAccountFlags, reports, clock, null, GuardWindow.defaults());
    }

    /**
     * {@code guardResponse} says in the summary what happens when a guard alarm fires where this runs (null: the
     * summary says nothing about it).
     */
    public NotifyStage(MessageSender sender, DocumentStore documents, String account, String cliAccountFlags, ReportPublisher reports,
                       Clock clock, GuardResponse guardResponse, GuardWindow window) {
        this.sender = sender;
        this.documents = documents;
        this.account = account;
        this.cliAccountFlags = cliAccountFlags;
        this.reports = reports;
        this.clock = clock;
        this.guardResponse = guardResponse == null ? null : guardResponse.sentence(window);
    }

    /** Without a weekly report (the approval request needs none). */
    public NotifyStage(MessageSender sender, DocumentStore documents, String account, String cliAccountFlags) {
        this(sender, documents, account, cliAccountFlags, null, Clock.systemUTC());
    }

    public RunState requestApproval(RunState state, String howToDecide) {
        return requestApproval(state, null, howToDecide);
    }

    /**
     * The approval email; the items of AutoApply's decision at {@code autoDecisionKey} (null: none) were applied by
     * policy before this, are not asked again, and the email says how many of them were made.
     */
    public RunState requestApproval(RunState state, String autoDecisionKey, String howToDecide) {
        Plan plan = plan(state);
        java.util.Set<String> autoApproved = AutoApprovedItems.ids(documents, state.runId(), autoDecisionKey);
        ApplyResult autoApplied = autoApproved.isEmpty() ? null
                : StoredOutcomes.ofDecision(documents, plan, autoDecisionKey, clock.instant()).orElse(null);
        sender.send(ApprovalEmail.message(plan, account, autoApproved, autoApplied, howToDecide));
        return state;
    }

    /** The approval email of a run over member accounts: its index presented as one plan ({@link IndexedPlanMessage}). */
    public RunState requestIndexApproval(RunState state, String howToDecide) {
        sender.send(IndexedPlanMessage.approvalRequest(index(state), documents.locate(state.planKey()), documents::locate, howToDecide));
        return state;
    }

    public RunState notifyNoChanges(RunState state) {
        Plan plan = plan(state);
        SavingsReport savings = savings(state);
        sender.send(withReport(Messages.noChanges(plan, account, savings), publish(state, plan, savings, null)));
        return state;
    }

    public RunState notifySummary(RunState state) {
        ApplyResult result = documents.read(state.resultKey(), ApplyResult.class, "apply result");
        if (ArtifactKeys.isIndex(state.planKey())) {
            sender.send(IndexedPlanMessage.summary(index(state), result, documents.locate(state.planKey())));
            return state;
        }
        Plan plan = plan(state);
        SavingsReport savings = savings(state);
        Message summary = Messages.summary(plan, result, account, savings, rollbackCommand(state));
        if (guardResponse != null) {
            summary = new Message(summary.kind(), summary.runId(), summary.subject(), summary.body() + guardResponse + "\n");
        }
        sender.send(withReport(summary, publish(state, plan, savings, result)));
        return state;
    }

    /** The command that undoes the run, or null when there is none to give (see the constructor). */
    private String rollbackCommand(RunState state) {
        return cliAccountFlags == null ? null
                : ("fleetopt rollback " + cliAccountFlags + " --run " + state.runId()).replaceAll(" +", " ");
    }

    /**
     * What AutoApply changed before the run asked for approval, or null when it changed nothing: the outcomes the apply
     * steps stored for the items of its decision ({@link ArtifactKeys#autoDecision}), read from the artifact store.
     */
    private ApplyResult autoApplied(RunState state) {
        return StoredOutcomes.ofDecision(documents, plan(state), ArtifactKeys.autoDecision(state.runId()), clock.instant())
                .filter(r -> r.count(io.fleetopt.core.model.ApplyStatus.APPLIED) > 0).orElse(null);
    }

    /** Stores the weekly report when the savings check ran for this run; returns its link, or null. */
    private ReportLink publish(RunState state, Plan plan, SavingsReport savings, ApplyResult result) {
        if (reports == null || savings == null) {
            return null;
        }
        FleetSnapshot snapshot = state.snapshotKey() == null ? null : documents.find(state.snapshotKey(), FleetSnapshot.class).orElse(null);
        return reports.publish(WeeklyReportBuilder.build(account, savings, plan, result, snapshot, clock.instant()));
    }

    private static Message withReport(Message message, ReportLink link) {
        return link == null ? message : new Message(message.kind(), message.runId(), message.subject(), message.body() + "\n" + link.text());
    }

    /** A stage failed: who reads this learns which run, the error and its cause; the run then fails. */
    public RunState notifyFailure(FailureNotice notice) {
        sender.send(Messages.failure(notice.run().runId(), notice.error(), notice.cause(), account));
        return notice.run();
    }

    /** Nobody decided within the approval timeout: nothing that needed approval was changed; says what AutoApply did. */
    public RunState notifyExpired(RunState state) {
        if (ArtifactKeys.isIndex(state.planKey())) {
            sender.send(IndexedPlanMessage.expired(index(state)));
            return state;
        }
        sender.send(Messages.expired(plan(state), account, autoApplied(state), rollbackCommand(state)));
        return state;
    }

    /** The approver approved nothing: nothing that needed approval was changed; says what AutoApply did. */
    public RunState notifyRejected(RunState state) {
        if (ArtifactKeys.isIndex(state.planKey())) {
            sender.send(IndexedPlanMessage.rejected(index(state)));
            return state;
        }
        sender.send(Messages.rejected(plan(state), account, autoApplied(state), rollbackCommand(state)));
        return state;
    }

    /** The realized savings VerifyEarlierChanges kept for this run, if it ran. */
    private SavingsReport savings(RunState state) {
        return documents.find(ArtifactKeys.savings(state.runId()), SavingsReport.class).orElse(null);
    }

    /** The index of a run over member accounts (its plan key names it, {@link ArtifactKeys#isIndex}). */
    private io.fleetopt.core.model.RunIndex index(RunState state) {
        return documents.read(state.planKey(), io.fleetopt.core.model.RunIndex.class, "run index");
    }

    private Plan plan(RunState state) {
        return documents.read(state.planKey(), Plan.class, "plan");
    }
}
