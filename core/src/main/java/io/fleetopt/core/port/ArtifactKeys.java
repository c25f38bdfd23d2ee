package io.fleetopt.core.port;

/** The artifact store's key for each document of a run. */
public final class ArtifactKeys {

    private ArtifactKeys() {
    }

    public static String snapshot(String runId) {
        return "runs/" + runId + "/snapshot.json";
    }

    public static String plan(String runId) {
        return "runs/" + runId + "/plan.json";
    }

    /**
     * What earlier memory changes taught about each function's response to memory: one document for the whole
     * store, written by VerifyEarlierChanges, read by Analyze (so no stage depends on another). Under {@code runs/},
     * where the stages' roles may read and write.
     */
    public static String learnedResponses() {
        return "runs/learned-responses.json";
    }

    public static String decision(String runId) {
        return "runs/" + runId + "/decision.json";
    }

    public static String result(String runId) {
        return "runs/" + runId + "/result.json";
    }

    /** What AutoApply changed by the account's policy before the run asked for approval (absent: nothing). */
    public static String autoApplied(String runId) {
        return "runs/" + runId + "/auto-applied.json";
    }

    /** One Map iteration's outcome, so the iteration passes on only the item id and its status. */
    public static String outcome(String runId, String itemId) {
        return "runs/" + runId + "/outcomes/" + itemId + ".json";
    }

    /** What the summary already sent said, so that a recovery of the run sends it once. */
    public static String summarySent(String runId) {
        return "runs/" + runId + "/summary-sent.json";
    }

    public static String savings(String runId) {
        return "runs/" + runId + "/savings.json";
    }

    /** The run's (account, region) items as JSON Lines: what the CollectAndAnalyzeEachTarget Map's ItemReader reads. */
    public static String targets(String runId) {
        return "runs/" + runId + "/targets.jsonl";
    }

    /** Where that Map's ResultWriter writes its manifest and result files. */
    public static String targetResults(String runId) {
        return "runs/" + runId + "/target-results";
    }

    /** One (account, region)'s snapshot, under the run's prefix. */
    public static String snapshot(String runId, io.fleetopt.core.model.CollectTarget target) {
        return "runs/" + runId + "/accounts/" + target.path() + "/snapshot.json";
    }

    /** One (account, region)'s plan, under the run's prefix. */
    public static String plan(String runId, io.fleetopt.core.model.CollectTarget target) {
        return "runs/" + runId + "/accounts/" + target.path() + "/plan.json";
    }

    /** The run-level index of a run over several accounts and regions ({@link io.fleetopt.core.model.RunIndex}). */
    public static String index(String runId) {
        return "runs/" + runId + "/index.json";
    }
}
