package io.fleetopt.notifier.report;

import io.fleetopt.core.model.Action;
import io.fleetopt.core.model.ApplyResult;
import io.fleetopt.core.model.ApplyStatus;
import io.fleetopt.core.model.Confidence;
import io.fleetopt.core.model.FunctionUsage;
import io.fleetopt.core.model.ItemOutcome;
import io.fleetopt.core.model.Plan;
import io.fleetopt.core.model.PlanTotals;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.model.Risk;
import io.fleetopt.core.model.SavingsReport;
import io.fleetopt.core.model.WeekSavings;
import io.fleetopt.core.port.AliasRoute;
import io.fleetopt.core.port.DailyCost;
import io.fleetopt.core.port.RoutedVersion;
import io.fleetopt.core.port.FunctionSettings;
import io.fleetopt.core.port.LambdaCosts;
import io.fleetopt.core.port.LedgerAction;
import io.fleetopt.core.port.LedgerEntry;
import io.fleetopt.core.pricing.Pricing;
import io.fleetopt.notifier.CostHistories;
import io.fleetopt.notifier.SavingsVerifier;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A run's documents for the report, generated: two earlier weeks already measured, two change sets measured this
 * week (one of one memory change; one of four: one measured, one rolled back, one drifted away, one never in traffic
 * behind an alias), and this run applying one of its two changes.
 */
final class ReportFixture {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 30);
    static final String RUN = "2026-11-30-ab12";

    final SavingsReport savings;
    final Plan plan;
    final ApplyResult result;

    private ReportFixture(SavingsReport savings, Plan plan, ApplyResult result) {
        this.savings = savings;
        this.plan = plan;
        this.result = result;
    }

    static String arn(String name) {
        return "arn:aws:lambda:us-east-1:123456789012:function:" + name;
    }

    static ReportFixture fourWeeksOfHistory() {
        LocalDate twoWeeksAgo = TODAY.minusWeeks(2);
        LocalDate lastWeek = TODAY.minusWeeks(1);
        List<LedgerEntry> ledger = new ArrayList<>(List.of(
                memory("2026-11-16-aaaa", "orders-api", twoWeeksAgo, 2048, 1024, "41.00"),
                memory("2026-11-23-bbbb", "thumbnails <img>", lastWeek, 3008, 512, "90.00"),
                memory("2026-11-23-bbbb", "pdf-renderer", lastWeek, 3008, 1769, "12.00"),
                memory("2026-11-23-bbbb", "search-api", lastWeek, 2048, 1024, "20.00"),
                memory("2026-11-23-bbbb", "cart-checkout", lastWeek, 1024, 512, "8.00")));
        LedgerEntry pdf = ledger.get(2);
        ledger.add(new LedgerEntry(pdf.runId(), pdf.itemId(), pdf.functionArn(), pdf.functionName(), pdf.kind(), LedgerAction.ROLLED_BACK,
                pdf.after(), pdf.before(), "guard alarm", lastWeek.plusDays(2).atTime(9, 0).toInstant(ZoneOffset.UTC), new BigDecimal("-12.00"), "r3"));
        List<WeekSavings> earlier = List.of(
                new WeekSavings("2026-11-02-eeee", LocalDate.of(2026, 11, 2), 30, new BigDecimal("1200.00"), new BigDecimal("1150.40"), Confidence.HIGH),
                new WeekSavings("2026-11-09-ffff", LocalDate.of(2026, 11, 9), 5, new BigDecimal("60.00"), new BigDecimal("48.10"), Confidence.MEDIUM));
        SavingsVerifier verifier = new SavingsVerifier(CostHistories.accountWide(ReportFixture::costs), (arns, days) -> arns.stream().map(arn -> {
            boolean thisWeek = days.toExclusive().equals(TODAY);
            long invocations = arn.endsWith("orders-api") ? 1_400_000 : 700_000;
            return new FunctionUsage(arn, days, 7, invocations, thisWeek ? 180.0 : 200.0, thisWeek ? 160.0 : 180.0, thisWeek ? 420.0 : 450.0);
        }).toList(), arn -> new FunctionSettings(arn, "r", arn.endsWith("pdf-renderer") ? 3008 : arn.endsWith("orders-api") ? 1024
                : arn.endsWith("search-api") ? 1536 : 512, 30, null, "PassThrough", 30, Map.of()),
                // cart-checkout's traffic goes through an alias still on a version published before its change
                arn -> arn.endsWith("cart-checkout") ? List.of(new AliasRoute("live", List.of(new RoutedVersion("7", 1,
                        lastWeek.minusDays(5).atStartOfDay().toInstant(ZoneOffset.UTC), 1024, 30, "PassThrough")))) : List.of(),
                Pricing.standard(), run -> Optional.empty(),
                Clock.fixed(TODAY.atTime(6, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC));
        SavingsReport savings = verifier.verify(RUN, ledger, earlier);

        Recommendation applied = item("memory-1", "cart-service", RecommendationKind.MEMORY, "1024", "512", Action.APPLY, "25.50");
        Recommendation notApproved = item("timeout-2", "cart-service", RecommendationKind.TIMEOUT, "300", "30", Action.APPLY, "0.00");
        Recommendation finding = item("arch-3", "image-resizer", RecommendationKind.ARCHITECTURE, "x86_64", "arm64", Action.REPORT_ONLY, "14.20");
        Instant now = TODAY.atTime(6, 0).toInstant(ZoneOffset.UTC);
        Plan plan = new Plan(Plan.SCHEMA_VERSION, RUN, now, List.of(applied, notApproved, finding), List.of(),
                new PlanTotals(3, 3, 2, 1, 0, new BigDecimal("39.70"), Map.of(), Map.of()), List.of());
        ApplyResult result = new ApplyResult(ApplyResult.SCHEMA_VERSION, RUN, now, List.of(new ItemOutcome("memory-1", applied.functionArn(),
                "cart-service", RecommendationKind.MEMORY, ApplyStatus.APPLIED, "1024", "512", null)));
        return new ReportFixture(savings, plan, result);
    }

    WeeklyReport report() {
        return WeeklyReportBuilder.build("123456789012", savings, plan, result, null, TODAY.atTime(6, 5).toInstant(ZoneOffset.UTC));
    }

    private static LambdaCosts costs(LocalDate from, LocalDate to) {
        List<DailyCost> days = new ArrayList<>();
        for (LocalDate d = from; d.isBefore(to); d = d.plusDays(1)) {
            days.add(new DailyCost(d, new BigDecimal(d.isBefore(TODAY.minusWeeks(2)) ? "40.00" : "30.00"), 400_000));
        }
        return new LambdaCosts(days, 2, "Cost Explorer", "account-wide AWS Lambda cost by usage type (GetCostAndUsage, daily)", null);
    }

    private static LedgerEntry memory(String run, String name, LocalDate on, int fromMb, int toMb, String estimated) {
        return new LedgerEntry(run, "memory-" + name.hashCode(), arn(name), name, RecommendationKind.MEMORY, LedgerAction.APPLIED,
                Integer.toString(fromMb), Integer.toString(toMb), "ana", on.atTime(6, 0).toInstant(ZoneOffset.UTC), new BigDecimal(estimated), "r2");
    }

    private static Recommendation item(String id, String name, RecommendationKind kind, String from, String to, Action action, String saving) {
        return new Recommendation(id, arn(name), name, kind, from, to, Risk.LOW, action, "because the numbers say so", new BigDecimal(saving),
                List.of(), "r1", List.of());
    }
}
