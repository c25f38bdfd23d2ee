package io.fleetopt.cli;

import io.fleetopt.core.model.Decision;
import io.fleetopt.core.model.Plan;
import io.fleetopt.core.model.RunState;
import io.fleetopt.notifier.NotifyStage;
import io.fleetopt.notifier.approval.ApprovalRecord;
import io.fleetopt.notifier.approval.DecisionTaken;
import io.fleetopt.notifier.approval.PendingApproval;
import io.fleetopt.notifier.approval.local.LocalReviewServer;
import io.fleetopt.notifier.approval.local.LocalTask;
import io.fleetopt.core.port.DocumentStore;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * {@code fleetopt run --demo} asks for approval as the deployed run does, and at the terminal too: the run waits
 * for its approver with a signed review link served on 127.0.0.1, and whichever answers first, the page or the
 * prompt, decides. Either way the decision is recorded once, so the other cannot decide again.
 */
final class BrowserApproval {

    static final Duration TIMEOUT = Duration.ofHours(72);

    private BrowserApproval() {
    }

    static Decision decide(Path stateDir, DocumentStore documents, io.fleetopt.core.json.DocumentCodec codec, Clock clock,
                           NotifyStage notify, RunState state, Plan plan, String autoDecisionKey, String accountFlags,
                           String approver, Terminal terminal) {
        LocalReview review = new LocalReview(stateDir, documents, codec, clock);
        String runId = state.runId();
        Instant now = clock.instant();
        String token = review.task.startWaiting(runId);
        try (LocalReviewServer server = new LocalReviewServer(review.endpoint)) {
            review.approvals.open(new PendingApproval(PendingApproval.SCHEMA_VERSION, runId, state.planKey(), token, now,
                    now.plus(TIMEOUT), autoDecisionKey));
            String url = review.signer.link(runId, now.plus(TIMEOUT)).url(server.baseUrl());
            notify.requestApproval(state, autoDecisionKey, "Decide in your browser (the review page, served by this command):\n  "
                    + url + "\nor at the terminal prompt, or later with:\n  fleetopt apply " + accountFlags + " --run " + runId
                    + " --all        (or --approve ID,ID,...)");
            terminal.out.printf(Locale.ROOT, "%nReview page: %s%n", url);
            CompletableFuture<Decision> atTerminal = CompletableFuture.supplyAsync(
                    () -> TerminalApproval.decide(plan, false, approver, terminal, clock), command -> Thread.ofVirtual().start(command));
            while (true) {
                Optional<LocalTask.Result> answered = review.task.result(token);
                if (answered.isPresent()) {
                    return fromPage(review, documents, runId, terminal);
                }
                if (atTerminal.isDone()) {
                    return fromTerminal(review, documents, runId, join(atTerminal), terminal);
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UsageException("interrupted while waiting for the approval; nothing was applied");
        } finally {
            review.task.stopWaiting(token);
        }
    }

    private static Decision fromPage(LocalReview review, DocumentStore documents, String runId, Terminal terminal) {
        DecisionTaken taken = review.approvals.find(runId).map(ApprovalRecord::decision)
                .orElseThrow(() -> new IllegalStateException("run " + runId + " was answered without a recorded decision"));
        terminal.out.printf(Locale.ROOT, "%nDecided on the review page by %s: %d approved, %d rejected.%n", taken.approver(),
                taken.approvedCount(), taken.rejectedCount());
        return documents.read(taken.decisionKey(), Decision.class, "decision");
    }

    /** The terminal's answer, recorded as the run's one decision, unless the page was quicker. */
    private static Decision fromTerminal(LocalReview review, DocumentStore documents, String runId, Decision decision,
                                         Terminal terminal) {
        String key = io.fleetopt.core.port.ArtifactKeys.decisions(runId) + "terminal.json";
        documents.write(key, decision);
        DecisionTaken taken = new DecisionTaken(decision.approver(), decision.decidedAt(), decision.approvedItemIds().size(),
                decision.rejectedItemIds().size(), null, null, key);
        if (!review.approvals.recordOnce(runId, taken)) {
            return fromPage(review, documents, runId, terminal);
        }
        return decision;
    }

    private static Decision join(CompletableFuture<Decision> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UsageException("interrupted while waiting for the approval; nothing was applied");
        }
    }
}
