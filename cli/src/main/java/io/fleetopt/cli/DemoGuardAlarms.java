package io.fleetopt.cli;

import io.fleetopt.applier.AlarmRollbackResult;
import io.fleetopt.applier.AlarmRollbackVerdict;
import io.fleetopt.core.port.AlarmStateChange;

import java.io.PrintStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * The demo account's stand-in for EventBridge: after {@code --next-week} moved its calendar, its guard alarms are
 * evaluated over the week that passed, and each one in ALARM goes to the same Rollback stage the deployed Rollback
 * function runs. A real account has no such step from the command line (nothing rolls back by itself there).
 */
final class DemoGuardAlarms {

    private DemoGuardAlarms() {
    }

    static List<AlarmRollbackResult> evaluate(LocalPipeline pipeline, LocalDate from, PrintStream out) {
        List<AlarmStateChange> fired = pipeline.account.demo().evaluateGuardAlarms(from, pipeline.account.demo().today());
        List<AlarmRollbackResult> results = fired.stream().map(pipeline.alarmRollback::handle).toList();
        for (AlarmRollbackResult result : results) {
            if (result.verdict() == AlarmRollbackVerdict.IGNORED || result.verdict() == AlarmRollbackVerdict.OUTSIDE_WINDOW) {
                continue;
            }
            out.printf(Locale.ROOT, "  guard alarm %s went into ALARM: %s%n", result.alarmName(), switch (result.verdict()) {
                case ROLLED_BACK -> "rolled back " + restored(result) + " of run " + result.runId() + " (notice in the outbox)";
                case DECLINED -> "left run " + result.runId() + "'s changes alone: changed since (notice in the outbox)";
                default -> "already handled";
            });
        }
        return results;
    }

    /** "2 changes to pdf-renderer" */
    private static String restored(AlarmRollbackResult result) {
        List<io.fleetopt.core.model.RollbackOutcome> restored = result.items().stream()
                .filter(i -> i.status() == io.fleetopt.core.model.RollbackStatus.RESTORED).toList();
        return restored.size() + (restored.size() == 1 ? " change to " : " changes to ") + restored.get(0).functionName();
    }
}
