package io.fleetopt.notifier;

import io.fleetopt.core.model.ApplyResult;
import io.fleetopt.core.model.ApplyStatus;
import io.fleetopt.core.model.ItemOutcome;
import io.fleetopt.core.model.RollbackOutcome;
import io.fleetopt.core.model.RollbackResult;
import io.fleetopt.core.model.RollbackStatus;
import io.fleetopt.core.model.SettingValues;

import java.util.Locale;

/** What the applier (or a rollback) did, one line an item, as plain text. */
public final class ResultText {

    private ResultText() {
    }

    public static String text(ApplyResult result) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Applied %d, already applied %d, skipped %d (drift %d, scope %d, refused by a guard %d), failed %d.%n",
                result.count(ApplyStatus.APPLIED), result.count(ApplyStatus.ALREADY_APPLIED),
                result.count(ApplyStatus.SKIPPED_DRIFT) + result.count(ApplyStatus.SKIPPED_SCOPE) + result.count(ApplyStatus.SKIPPED_GUARD),
                result.count(ApplyStatus.SKIPPED_DRIFT), result.count(ApplyStatus.SKIPPED_SCOPE),
                result.count(ApplyStatus.SKIPPED_GUARD), result.count(ApplyStatus.FAILED)));
        for (ItemOutcome item : result.items()) {
            out.append(String.format(Locale.ROOT, "  %-16s %-26s %-14s %s%s%n", item.status(), item.functionName(),
                    item.kind().label(), change(item),
                    item.reason() == null ? "" : "  (" + item.reason() + ")"));
        }
        return out.toString();
    }

    private static String change(ItemOutcome item) {
        if (item.before() == null) {
            return "";
        }
        if (item.status() != ApplyStatus.APPLIED) {
            return SettingValues.display(item.kind(), item.before());
        }
        return SettingValues.display(item.kind(), item.before()) + " -> " + SettingValues.display(item.kind(), item.after());
    }

    public static String text(RollbackResult result) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Rollback of run %s: restored %d, already restored %d, left as changed since %d, refused by a guard %d, failed %d.%n",
                result.runId(), result.count(RollbackStatus.RESTORED), result.count(RollbackStatus.ALREADY_RESTORED),
                result.count(RollbackStatus.SKIPPED_CHANGED_SINCE), result.count(RollbackStatus.SKIPPED_GUARD),
                result.count(RollbackStatus.FAILED)));
        for (RollbackOutcome item : result.items()) {
            String change = item.status() == RollbackStatus.RESTORED
                    ? SettingValues.display(item.kind(), item.from()) + " -> " + SettingValues.display(item.kind(), item.restored())
                    : "";
            out.append(String.format(Locale.ROOT, "  %-22s %-26s %-14s %s%s%n", item.status(), item.functionName(),
                    item.kind().label(), change, item.reason() == null ? "" : "  (" + item.reason() + ")"));
        }
        return out.toString();
    }
}
