package io.fleetopt.notifier;

import java.util.Locale;

/** Where the savings check and the weekly report keep their documents in the artifact store. */
public final class ReportKeys {

    /**
     * The newest SavingsReport: the next run reads its week-by-week history from it. It sits under runs/, where the
     * stages' document grants are, beside the run folders (no run id is "latest-savings.json").
     */
    public static final String LATEST_SAVINGS = "runs/latest-savings.json";

    private ReportKeys() {
    }

    /** The run's weekly report in one format ("html", "md" or "json"). */
    public static String report(String runId, String extension) {
        return "runs/" + runId + "/report." + extension.toLowerCase(Locale.ROOT);
    }
}
