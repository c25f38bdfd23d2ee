package io.fleetopt.cli;

import io.fleetopt.analyzer.AnalyzerPolicy;
import io.fleetopt.applier.PromoteCanariesResponse;
import io.fleetopt.applier.DecisionCheck;
import io.fleetopt.core.model.ApplyStatus;
import io.fleetopt.core.model.Decision;
import io.fleetopt.core.model.Plan;
import io.fleetopt.core.model.RunState;
import io.fleetopt.core.model.SavingsReport;
import io.fleetopt.core.port.ArtifactKeys;
import io.fleetopt.notifier.Money;
import jakarta.inject.Inject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs the whole weekly flow, asking before it changes anything.",
                "",
                "Verifies the realized savings of earlier changes, collects the fleet, analyzes it, asks you to "
                        + "approve the plan, applies what you approve, wires guard alarms on the changed functions and "
                        + "sends the summary. The demo account keeps its own calendar: run again with --next-week to "
                        + "see the following week's run, which confirms what this one's changes really saved; first, "
                        + "the demo's guard alarms are evaluated on its metrics of the week that passed, and a function "
                        + "whose alarm went into ALARM has its changes rolled back.",
                ""},
        footer = {"", "Examples:",
                "  fleetopt run --demo                 asks before applying anything (at the prompt or on the review page)",
                "  fleetopt run --demo --yes           approves every change of the plan",
                "  fleetopt run --demo --reset --yes   starts the demo account over first",
                "  fleetopt run --demo --next-week     next week's run on the demo account",
                "  fleetopt run --region eu-west-1 --profile ops --scope-tag team=payments",
                "                                      a real account, from this machine, with .fleetopt as store and ledger",
                "  fleetopt run --stack fleetopt --region eu-west-1",
                "                                      the same, with the deployed stack's bucket, ledger and run lease"})
final class RunCommand implements Callable<Integer> {

    @Mixin
    AccountOptions account;

    @Mixin
    StackOption stack;

    @Option(names = {"-y", "--yes"}, description = "Approve every change of the plan without asking.")
    boolean yes;

    @Option(names = "--next-week", description = "Demo account only: move its calendar a week on first, as between two weekly "
            + "runs, and evaluate its guard alarms over that week (an alarm in ALARM rolls its function's changes back).")
    boolean nextWeek;

    @Option(names = "--approver", paramLabel = "NAME", description = "Who approves, for the ledger (default: your user name).")
    String approver = System.getProperty("user.name", "unknown") + " (terminal)";

    @Inject
    AnalyzerPolicy policy;

    @Inject
    Terminal terminal;

    @Override
    public Integer call() {
        try (LocalPipeline pipeline = LocalPipeline.open(account, stack, policy, terminal, "run")) {
            if (nextWeek) {
                if (!pipeline.account.isDemo()) {
                    throw new UsageException("--next-week moves the demo account's calendar; a real account's week is the real one");
                }
                java.time.LocalDate weekBefore = pipeline.account.demo().today();
                pipeline.account.demo().advanceWeek();
                DemoGuardAlarms.evaluate(pipeline, weekBefore, terminal.out);
            }
            String runId = RunIds.next(pipeline.clock);
            if (pipeline.account.isDemo()) {
                terminal.out.printf(Locale.ROOT, "fleetopt weekly run %s on the demo account %s, week of %s%n", runId,
                        io.fleetopt.core.demo.DemoAccount.ACCOUNT_ID, pipeline.account.demo().today());
            } else {
                terminal.out.printf(Locale.ROOT, "fleetopt weekly run %s on the %s, %s%n", runId, pipeline.account.label(),
                        java.time.LocalDate.now(pipeline.clock));
                terminal.out.printf(Locale.ROOT, "  state, ledger and messages in %s (messages: %s; guard alarms: %s)%n",
                        account.stateDir, pipeline.outbox, pipeline.account.alarmsGoTo());
            }
            io.fleetopt.notifier.VerifyEarlierChangesStage.Verified verified = pipeline.verifyEarlierChanges.verifyAndLearn(runId);
            SavingsReport savings = verified.savings();
            terminal.out.printf(Locale.ROOT, "  verified earlier changes: %d change sets a week old or more, realized %s/month%n",
                    savings.changeSets().size(), Money.usd(savings.realizedMonthlyUsd()));
            for (io.fleetopt.core.model.LearnedResponse response : verified.learnedNow()) {
                terminal.out.printf(Locale.ROOT, "  learned %s: %s%n", response.functionName(), response.describe());
            }
            PromoteCanariesResponse promoted = pipeline.promoteCanaries.run(RunState.start(runId));
            if (!promoted.promotions().isEmpty()) {
                terminal.out.printf(Locale.ROOT, "  promoted %d of %d alias canaries of earlier runs%n", promoted.promoted(),
                        promoted.promotions().size());
                promoted.promotions().stream().filter(p -> !p.promoted()).forEach(p -> terminal.out.printf(Locale.ROOT,
                        "    %s: %s%n", p.functionName(), p.detail()));
            }
            RunState state = pipeline.collect.run(RunState.start(runId), account.collectRequest(runId));
            String inAccount = pipeline.account.isDemo() ? "" : " in account " + pipeline.documents
                    .read(state.snapshotKey(), io.fleetopt.core.model.FleetSnapshot.class, "snapshot").accountId();
            terminal.out.printf(Locale.ROOT, "  collected %d functions%s with %d days of metrics%n", state.functionCount(),
                    inAccount, account.lookbackDays);
            state = pipeline.analyze.run(state);
            terminal.out.printf(Locale.ROOT, "  planned %d items, %d to approve, est. saving %s/month -> %s%n",
                    state.itemCount(), state.applyItemCount(), Money.usd(state.monthlySavingUsd()), pipeline.documents.locate(state.planKey()));
            Plan plan = pipeline.documents.read(state.planKey(), Plan.class, "plan");
            if (state.applyItemCount() == 0) {
                pipeline.notify.notifyNoChanges(state);
                nextWeekHint(pipeline);
                return 0;
            }
            ApplyFlow.AutoApplied autoApplied = pipeline.apply.autoApply(state);
            terminal.out.print("\n" + io.fleetopt.notifier.PlanText.text(plan));
            Decision decision;
            if (yes) {
                pipeline.notify.requestApproval(state, autoApplied.approval().decisionKey(), "Approved at the command line (--yes).");
                decision = TerminalApproval.decide(plan, true, approver, terminal, pipeline.clock);
            } else {
                decision = BrowserApproval.decide(account.stateDir, pipeline.documents, pipeline.codec, pipeline.clock,
                        pipeline.notify, state, plan, autoApplied.approval().decisionKey(), pipeline.accountFlags, approver, terminal);
            }
            String decisionKey = ArtifactKeys.decision(runId);
            DecisionCheck.requireMatches(plan, decision, "the approval");
            decision = pipeline.decisions.write(decisionKey, decision, plan, null);
            state = state.withDecision(decisionKey);
            if (decision.approvedItemIds().isEmpty() && autoApplied.approval().approvedCount() == 0) {
                terminal.out.println("Nothing approved; nothing was changed.");
                nextWeekHint(pipeline);
                return 0;
            }
            ApplyFlow.Applied applied = pipeline.apply.applyApproved(state, autoApplied, decisionKey, decision);
            terminal.out.printf(Locale.ROOT, "  wired %d guard alarms on the changed functions%n", applied.alarms().size());
            nextWeekHint(pipeline);
            return applied.result().count(ApplyStatus.FAILED) > 0 ? 1 : 0;
        }
    }

    private void nextWeekHint(LocalPipeline pipeline) {
        if (!pipeline.account.isDemo()) {
            return;
        }
        terminal.out.printf(Locale.ROOT, "%nNext week's run on the demo account: fleetopt run %s --next-week%n", pipeline.accountFlags);
    }
}
