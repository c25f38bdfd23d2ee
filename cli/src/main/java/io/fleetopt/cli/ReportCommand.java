package io.fleetopt.cli;

import io.fleetopt.core.demo.DemoAccount;
import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.local.DirectoryArtifactStore;
import io.fleetopt.core.model.ApplyResult;
import io.fleetopt.core.model.FleetSnapshot;
import io.fleetopt.core.model.Plan;
import io.fleetopt.core.model.RunIndex;
import io.fleetopt.core.model.SavingsReport;
import io.fleetopt.core.port.ArtifactKeys;
import io.fleetopt.core.port.ArtifactStore;
import io.fleetopt.core.port.DocumentStore;
import io.fleetopt.core.port.LedgerEntry;
import io.fleetopt.notifier.report.MarkdownReport;
import io.fleetopt.notifier.report.ReportLink;
import io.fleetopt.notifier.report.ReportPublisher;
import io.fleetopt.notifier.report.WeeklyReport;
import io.fleetopt.notifier.report.WeeklyReportBuilder;
import jakarta.inject.Inject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Shows the weekly savings report of a run.",
                "",
                "The report a FinOps reviewer reads: realized savings of earlier changes (measured at this week's traffic "
                        + "and cross-checked with the cost history), the estimate of what the run applied, estimated vs "
                        + "realized by week, each function's memory, durations and cost before and after, and what is pending. "
                        + "A run over member accounts shows one report with a row per account and region (planned, applied, "
                        + "realized) and the ones not collected. "
                        + "It is rendered from the run's stored documents and changes nothing. Run `fleetopt run --demo` "
                        + "(and again with --next-week) first, or give --stack NAME to read a deployed stack's runs from its "
                        + "artifact bucket (read-only: no lease is taken and nothing is written to the bucket).",
                ""},
        footer = {"", "Examples:",
                "  fleetopt report --demo                      the latest run's report as an HTML page (prints its path)",
                "  fleetopt report --demo --open               ... and opens it in the browser",
                "  fleetopt report --demo --output md          as Markdown on standard output",
                "  fleetopt report --demo --run 2026-11-09-3fa9 --output json",
                "  fleetopt report --stack fleetopt --region eu-west-1 --output md",
                "                        a deployed run's report, from its stack's bucket"})
final class ReportCommand implements Callable<Integer> {

    enum Format { html, md, json }

    @Mixin
    AccountOptions account;

    @Mixin
    StackOption stack;

    @Option(names = "--run", paramLabel = "RUN_ID", description = "The run whose report to show (default: the latest run with a savings check).")
    String runId;

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "html",
            description = "html (a self-contained page, written to the state folder, under artifacts/runs/RUN_ID/, also "
                    + "with --stack; its path is printed), md or json (printed). Default: ${DEFAULT-VALUE}.")
    Format output;

    @Option(names = "--open", description = "Open the HTML page in the default browser.")
    boolean open;

    @Inject
    Terminal terminal;

    @Override
    public Integer call() {
        if (!account.demo && stack.name == null) {
            throw new UsageException("report reads a run's stored documents: add --demo for the demo account, or --stack NAME "
                    + "for a deployed stack's runs (its artifact bucket)");
        }
        stack.requireRealAccount(account);
        account.requireConsistent().forEach(terminal.err::println);
        if (open && output != Format.html) {
            throw new UsageException("--open opens the HTML page; drop --output " + output + " or --open");
        }
        if (runId != null) {
            RunIds.requireValid(runId);
        }
        try (DocumentCodec codec = new DocumentCodec()) {
            RunStorage storage = stack.name == null ? RunStorage.local(account.stateDir, codec)
                    : RunStorage.deployed(stack.name, account, Clock.systemUTC());
            try {
                report(storage, codec);
            } finally {
                storage.resources().run();
            }
        }
        return 0;
    }

    private void report(RunStorage storage, DocumentCodec codec) {
        ArtifactStore store = storage.artifacts();
        String run = runId != null ? runId : storage.runs().latestWith(ArtifactKeys::savings).orElseThrow(() -> new UsageException(
                "no run with a savings check in " + store.locate("runs") + " yet: run `fleetopt run "
                        + (stack.name == null ? "--demo" : "--stack " + stack.name) + "` first"));
        DocumentStore documents = new DocumentStore(store, codec);
        String savingsKey = ArtifactKeys.savings(run);
        SavingsReport savings = read(store, savingsKey, () -> documents.find(savingsKey, SavingsReport.class)).orElseThrow(
                () -> new UsageException("run " + run + " has no savings check (" + store.locate(savingsKey) + "): pick a run that "
                        + (stack.name == null ? "`fleetopt run --demo` made"
                        : "the stack's weekly run checked, or leave out --run for the latest")));
        // a run over member accounts has an index of its (account, region)s and no one plan
        Optional<RunIndex> index = read(store, ArtifactKeys.index(run), () -> documents.find(ArtifactKeys.index(run), RunIndex.class));
        WeeklyReport report = index.isPresent()
                ? WeeklyReportBuilder.buildForMemberRun(memberAccountsLabel(index.get()), savings, index.get(), entriesOf(storage, run),
                        savings.generatedAt())
                : oneAccountReport(store, documents, run, savings);
        switch (output) {
            case md -> terminal.out.print(MarkdownReport.render(report));
            case json -> terminal.out.print(codec.write(report));
            case html -> {
                // the page goes to the state folder, also with --stack: the stack's bucket is only read
                ReportLink link = ReportPublisher.located(new DirectoryArtifactStore(account.stateDir.resolve("artifacts")), codec)
                        .publish(report);
                terminal.out.println(link.url());
                if (open) {
                    openInBrowser(link.url());
                }
            }
        }
    }

    private WeeklyReport oneAccountReport(ArtifactStore store, DocumentStore documents, String run, SavingsReport savings) {
        Plan plan = read(store, ArtifactKeys.plan(run), () -> documents.read(ArtifactKeys.plan(run), Plan.class, "plan"));
        ApplyResult result = read(store, ArtifactKeys.result(run), () -> documents.find(ArtifactKeys.result(run), ApplyResult.class))
                .orElse(null);
        FleetSnapshot snapshot = read(store, ArtifactKeys.snapshot(run),
                () -> documents.find(ArtifactKeys.snapshot(run), FleetSnapshot.class)).orElse(null);
        return WeeklyReportBuilder.build(accountLabel(snapshot), savings, plan, result, snapshot, savings.generatedAt());
    }

    /** The ledger's entries of the run (its changes, by run id): the state folder's ledger, or the stack's table (a Query). */
    private List<LedgerEntry> entriesOf(RunStorage storage, String run) {
        try {
            return storage.ledger().entriesOfRun(run);
        } catch (DynamoDbException e) {
            if (e.statusCode() == 400 && e.awsErrorDetails() != null && "AccessDeniedException".equals(e.awsErrorDetails().errorCode())) {
                throw new StackOutputs.StackAccessDeniedException("access denied: the credentials may not call dynamodb:Query on the "
                        + "stack's ledger table, which report --stack needs for a run over member accounts (its changes)", e);
            }
            throw e;
        }
    }

    private String memberAccountsLabel(RunIndex index) {
        String accounts = index.totals().accounts() + " member account" + (index.totals().accounts() == 1 ? "" : "s");
        return stack.name == null ? accounts : accounts + " of stack " + stack.name;
    }

    /** The demo account, or the deployed account as the run's snapshot recorded it. */
    private String accountLabel(FleetSnapshot snapshot) {
        if (stack.name == null) {
            return DemoAccount.ACCOUNT_ID + " (demo)";
        }
        return snapshot != null ? "AWS account " + snapshot.accountId() : "the AWS account of stack " + stack.name;
    }

    /** A read of the stack's bucket that was denied names the action and the object. */
    private static <T> T read(ArtifactStore store, String key, Supplier<T> read) {
        try {
            return read.get();
        } catch (S3Exception e) {
            // without s3:ListBucket, S3 answers a missing object with access denied too
            throw BucketFailures.typed(e, "s3:GetObject (and s3:ListBucket, without which a missing object is denied too)",
                    store.locate(key));
        }
    }

    private void openInBrowser(String path) {
        String opener = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("mac") ? "open" : "xdg-open";
        try {
            new ProcessBuilder(opener, path).inheritIO().start();
        } catch (IOException e) {
            terminal.err.println("fleetopt: could not start " + opener + " (" + e.getMessage() + "): open " + path + " in a browser yourself");
        }
    }
}
