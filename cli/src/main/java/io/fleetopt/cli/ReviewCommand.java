package io.fleetopt.cli;

import io.fleetopt.core.demo.DemoAccount;
import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.local.DirectoryArtifactStore;
import io.fleetopt.core.port.DocumentStore;
import io.fleetopt.notifier.approval.ApprovalRecord;
import io.fleetopt.notifier.approval.local.LocalReviewServer;
import jakarta.inject.Inject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "review", mixinStandardHelpOptions = true,
        description = {"Serves the review page of a run that waits for approval, on 127.0.0.1.",
                "",
                "The same page the approval email links to: the plan by function, a checkbox per change, approve "
                        + "selected or reject all. A GET only shows it; the form's POST decides, once. It answers the "
                        + "`fleetopt run --demo` that waits for this run (in another terminal); once the run is decided, "
                        + "the command ends.",
                ""},
        footer = {"", "Examples:",
                "  fleetopt review --demo --run 2026-11-02-3fa9"})
final class ReviewCommand implements Callable<Integer> {

    @Mixin
    AccountOptions account;

    @Option(names = "--run", required = true, paramLabel = "RUN_ID", description = "The run whose plan to review.")
    String runId;

    @Inject
    Terminal terminal;

    @Override
    public Integer call() throws InterruptedException {
        if (!account.demo) {
            throw new UsageException("review serves the page of a local run on the demo account (add --demo); a deployed "
                    + "run's review page is the link in its approval email");
        }
        account.requireConsistent().forEach(terminal.err::println);
        try (DocumentCodec codec = new DocumentCodec()) {
            DemoAccount demo = DemoAccount.open(account.stateDir, false, codec);
            DocumentStore documents = new DocumentStore(new DirectoryArtifactStore(account.stateDir.resolve("artifacts")), codec);
            LocalReview review = new LocalReview(account.stateDir, documents, codec, demo.clock());
            ApprovalRecord record = review.approvals.find(runId).orElseThrow(() -> new UsageException("run " + runId
                    + " has no approval request in " + account.stateDir + ": `fleetopt run --demo` asks for one"));
            if (record.decision() != null) {
                terminal.out.printf(Locale.ROOT, "Run %s was already decided by %s on %s: %d approved, %d rejected.%n", runId,
                        record.decision().approver(), record.decision().decidedAt(), record.decision().approvedCount(),
                        record.decision().rejectedCount());
                return 0;
            }
            try (LocalReviewServer server = new LocalReviewServer(review.endpoint)) {
                String url = review.signer.link(runId, record.pending().expiresAt()).url(server.baseUrl());
                terminal.out.printf(Locale.ROOT, "Review page of run %s (open it in your browser; Ctrl-C stops):%n  %s%n", runId, url);
                terminal.out.flush();
                while (record.decision() == null) {
                    Thread.sleep(200);
                    record = review.approvals.find(runId).orElseThrow();
                }
                // the POST that decided has its answer; give the browser a moment to load the confirmation page fully
                Thread.sleep(500);
                terminal.out.printf(Locale.ROOT, "Decided by %s: %d approved, %d rejected.%n", record.decision().approver(),
                        record.decision().approvedCount(), record.decision().rejectedCount());
            }
            return 0;
        }
    }
}
