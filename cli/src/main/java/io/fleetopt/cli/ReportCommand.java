package io.fleetopt.cli;

import io.fleetopt.core.demo.DemoAccount;
import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.local.DirectoryArtifactStore;
import io.fleetopt.core.model.ApplyResult;
import io.fleetopt.core.model.FleetSnapshot;
import io.fleetopt.core.model.Plan;
import io.fleetopt.core.model.SavingsReport;
import io.fleetopt.core.port.ArtifactKeys;
import io.fleetopt.core.port.DocumentStore;
import io.fleetopt.notifier.report.HtmlReport;
import io.fleetopt.notifier.report.MarkdownReport;
import io.fleetopt.notifier.report.ReportLink;
import io.fleetopt.notifier.report.ReportPublisher;
import io.fleetopt.notifier.report.WeeklyReport;
import io.fleetopt.notifier.report.WeeklyReportBuilder;
import jakarta.inject.Inject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Shows the weekly savings report of a run.",
                "",
                "The report a FinOps reviewer reads: realized savings of earlier changes (measured at this week's traffic "
                        + "and cross-checked with the cost history), the estimate of what the run applied, estimated vs "
                        + "realized by week, each function's memory, durations and cost before and after, and what is pending. "
                        + "It is rendered from the run's stored documents and changes nothing. Run `fleetopt run --demo` "
                        + "(and again with --next-week) first.",
                ""},
        footer = {"", "Examples:",
                "  fleetopt report --demo                      the latest run's report as an HTML page (prints its path)",
                "  fleetopt report --demo --open               ... and opens it in the browser",
                "  fleetopt report --demo --output md          as Markdown on standard output",
                "  fleetopt report --demo --run 2026-11-09-3fa9 --output json"})
final class ReportCommand implements Callable<Integer> {

    enum Format { html, md, json }

    @Mixin
    AccountOptions account;

    @Option(names = "--run", paramLabel = "RUN_ID", description = "The run whose report to show (default: the latest run with a savings check).")
    String runId;

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "html",
            description = "html (a self-contained page, written next to the run's documents; its path is printed), md or json "
                    + "(printed). Default: ${DEFAULT-VALUE}.")
    Format output;

    @Option(names = "--open", description = "Open the HTML page in the default browser.")
    boolean open;

    @Inject
    Terminal terminal;

    @Override
    public Integer call() {
        if (!account.demo) {
            throw new UsageException("report reads a run's stored documents: from the command line it works on the demo account "
                    + "(add --demo); the deployed weekly run links each week's report from its summary email");
        }
        account.requireConsistent().forEach(terminal.err::println);
        if (open && output != Format.html) {
            throw new UsageException("--open opens the HTML page; drop --output " + output + " or --open");
        }
        Path artifacts = account.stateDir.resolve("artifacts");
        String run = runId != null ? requireValid(runId) : latestRun(artifacts.resolve("runs")).orElseThrow(() -> new UsageException(
                "no run with a savings check in " + artifacts + " yet: run `fleetopt run --demo` first"));
        try (DocumentCodec codec = new DocumentCodec()) {
            DirectoryArtifactStore store = new DirectoryArtifactStore(artifacts);
            DocumentStore documents = new DocumentStore(store, codec);
            SavingsReport savings = documents.find(ArtifactKeys.savings(run), SavingsReport.class).orElseThrow(() -> new UsageException(
                    "run " + run + " has no savings check (" + store.locate(ArtifactKeys.savings(run)) + "): pick a run that "
                            + "`fleetopt run --demo` made"));
            Plan plan = documents.read(ArtifactKeys.plan(run), Plan.class, "plan");
            ApplyResult result = documents.find(ArtifactKeys.result(run), ApplyResult.class).orElse(null);
            FleetSnapshot snapshot = documents.find(ArtifactKeys.snapshot(run), FleetSnapshot.class).orElse(null);
            WeeklyReport report = WeeklyReportBuilder.build(DemoAccount.ACCOUNT_ID + " (demo)", savings, plan, result, snapshot,
                    savings.generatedAt());
            switch (output) {
                case md -> terminal.out.print(MarkdownReport.render(report));
                case json -> terminal.out.print(codec.write(report));
                case html -> {
                    ReportLink link = ReportPublisher.located(store, codec).publish(report);
                    terminal.out.println(link.url());
                    if (open) {
                        openInBrowser(link.url());
                    }
                }
            }
        }
        return 0;
    }

    private static String requireValid(String runId) {
        RunIds.requireValid(runId);
        return runId;
    }

    /** The run whose savings check was written last. */
    static Optional<String> latestRun(Path runs) {
        if (!Files.isDirectory(runs)) {
            return Optional.empty();
        }
        try (Stream<Path> dirs = Files.list(runs)) {
            return dirs.map(d -> d.resolve("savings.json")).filter(Files::isRegularFile)
                    .max(Comparator.comparing(ReportCommand::modified).thenComparing(Path::toString))
                    .map(f -> f.getParent().getFileName().toString());
        } catch (IOException e) {
            throw new UncheckedIOException("could not list the runs in " + runs, e);
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the time of " + file, e);
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
