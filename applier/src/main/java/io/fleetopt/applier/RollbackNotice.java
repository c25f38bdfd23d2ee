package io.fleetopt.applier;

import io.fleetopt.core.change.GuardWindow;
import io.fleetopt.core.model.FunctionMetrics;
import io.fleetopt.core.model.FunctionProfile;
import io.fleetopt.core.model.RollbackOutcome;
import io.fleetopt.core.model.SettingValues;
import io.fleetopt.core.port.AlarmStateChange;
import io.fleetopt.core.port.LedgerEntry;
import io.fleetopt.core.port.Message;
import io.fleetopt.core.port.MessageKind;

import java.util.List;
import java.util.Locale;

/** The notice of an automatic rollback: the alarm, the values restored or left alone, and the evidence. */
final class RollbackNotice {

    private RollbackNotice() {
    }

    static Message message(AlarmStateChange alarm, String runId, List<LedgerEntry> made, List<RollbackOutcome> restored,
                           List<RollbackOutcome> declined, FunctionProfile before, GuardWindow window) {
        String function = made.get(0).functionName();
        String subject = restored.isEmpty()
                ? "fleetopt: " + function + "'s guard alarm fired; its changes were changed since (run " + runId + ")"
                : "fleetopt: rolled back " + restored.size() + " change" + (restored.size() == 1 ? "" : "s") + " to " + function
                + " (run " + runId + ") after its guard alarm fired";
        StringBuilder body = new StringBuilder();
        body.append("Guard alarm ").append(alarm.alarmName()).append(" went into ALARM at ").append(alarm.at())
                .append(alarm.account() == null ? "" : " (account " + alarm.account() + ", " + alarm.region() + ")").append(".\n");
        if (alarm.reason() != null) {
            body.append("CloudWatch: ").append(alarm.reason()).append('\n');
        }
        body.append("It guards what run ").append(runId).append(" changed on ").append(function).append(" at ")
                .append(made.get(0).at()).append(", within its ").append(window.days()).append("-day guard window.\n");
        if (!restored.isEmpty()) {
            body.append("\nRestored (the values before the run, from the change ledger):\n");
            for (RollbackOutcome item : restored) {
                body.append(String.format(Locale.ROOT, "  %s: %s -> %s%n", item.kind().label(),
                        SettingValues.display(item.kind(), item.from()), SettingValues.display(item.kind(), item.restored())));
            }
        }
        if (!declined.isEmpty()) {
            body.append("\nLeft as they are (not rolled back):\n");
            for (RollbackOutcome item : declined) {
                body.append("  ").append(item.kind().label()).append(": ").append(item.reason()).append('\n');
            }
        }
        body.append('\n').append(evidence(before)).append('\n');
        body.append("The change ledger records this with the alarm's name, reason and time.\n");
        return new Message(MessageKind.ROLLBACK, runId, subject, body.toString());
    }

    private static String evidence(FunctionProfile before) {
        if (before == null) {
            return "Evidence before the change: the run's snapshot is no longer in the artifact store.";
        }
        FunctionMetrics m = before.metrics();
        return String.format(Locale.ROOT, "Evidence before the change (the run's snapshot, %d days): %,d invocations, "
                        + "duration p99 %s, average %s, %,d errors, %,d throttles, %d MB memory, %d s timeout, max memory used %s.",
                m.daysWithData(), m.invocations(), ms(m.durationP99Ms()), ms(m.durationAvgMs()), m.errors(), m.throttles(),
                before.config().memoryMb(), before.config().timeoutSeconds(),
                m.maxMemoryUsedMb() == null ? "unknown" : m.maxMemoryUsedMb() + " MB (" + m.memorySource().description() + ")");
    }

    private static String ms(Double value) {
        return value == null ? "unknown" : String.format(Locale.ROOT, "%.1f ms", value);
    }
}
