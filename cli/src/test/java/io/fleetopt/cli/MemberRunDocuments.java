package io.fleetopt.cli;

import io.fleetopt.core.model.CollectTarget;
import io.fleetopt.core.model.CostExplorerUse;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.model.RunIndex;
import io.fleetopt.core.model.SavingsReport;
import io.fleetopt.core.port.ArtifactKeys;
import io.fleetopt.core.port.LedgerAction;
import io.fleetopt.core.port.LedgerEntry;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The stored documents of a weekly run over member accounts, generated: its index ({@code accounts} x two regions, the
 * last account's eu-west-1 not collected), its savings check (nothing a week old yet), and, when {@code applied}, two
 * ledger entries of the run: the intent and the change of one memory cut in the first account's us-east-1.
 */
record MemberRunDocuments(RunIndex index, SavingsReport savings, List<LedgerEntry> ledger) {
    /** The report reads the index, never the targets' plans, so their digest here is a placeholder of the right form. */
    static final String UNREAD_PLAN_DIGEST = "sha256:" + "0".repeat(64);


    static final List<String> REGIONS = List.of("us-east-1", "eu-west-1");

    static String account(int i) {
        return String.format("%012d", 400_000_000_000L + i);
    }

    static MemberRunDocuments of(String run, int accounts, boolean applied) {
        List<RunIndex.Entry> entries = new ArrayList<>();
        List<RunIndex.FailedTarget> failed = new ArrayList<>();
        for (int i = 0; i < accounts; i++) {
            for (int j = 0; j < REGIONS.size(); j++) {
                CollectTarget target = new CollectTarget(account(i), REGIONS.get(j), null);
                if (i == accounts - 1 && j == 1) {
                    failed.add(new RunIndex.FailedTarget(account(i), REGIONS.get(j), "io.fleetopt.collector.aws.MemberRoleDeniedException",
                            "cannot assume the member role"));
                } else {
                    entries.add(new RunIndex.Entry(account(i), REGIONS.get(j), ArtifactKeys.snapshot(run, target),
                            ArtifactKeys.plan(run, target), UNREAD_PLAN_DIGEST, 40 + i, 7, 5, new BigDecimal((11 * (i + 1) + j) + ".40")));
                }
            }
        }
        Instant at = Instant.parse(run.substring(0, 10) + "T06:00:00Z");
        SavingsReport savings = new SavingsReport(SavingsReport.SCHEMA_VERSION, run, at, List.of(), new BigDecimal("0.00"),
                CostExplorerUse.of(0, "none", "not read: no change set is a week old yet", null), 0, List.of());
        List<LedgerEntry> ledger = new ArrayList<>();
        if (applied) {
            LedgerEntry cut = new LedgerEntry(run, "memory-orders", "arn:aws:lambda:us-east-1:" + account(0) + ":function:orders",
                    "orders", RecommendationKind.MEMORY, LedgerAction.APPLIED, "1024", "512", "ana", at.plusSeconds(3600),
                    new BigDecimal("9.75"), "r2");
            ledger.add(cut.as(LedgerAction.INTENT, cut.at().minusSeconds(2), null));
            ledger.add(cut);
        }
        return new MemberRunDocuments(RunIndex.of(run, entries, failed), savings, List.copyOf(ledger));
    }
}
