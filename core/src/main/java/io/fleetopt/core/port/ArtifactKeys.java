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

    /** The plan's applicable items as JSON Lines ({@code ItemLine}), written by Analyze beside the plan. */
    public static String items(String runId) {
        return "runs/" + runId + "/items.jsonl";
    }

    /** The items a decision approves, as JSON Lines beside the decision document: what the Distributed Map reads. */
    public static String approvedItems(String decisionKey) {
        String stem = decisionKey.endsWith(".json") ? decisionKey.substring(0, decisionKey.length() - ".json".length())
                : decisionKey;
        return stem + ".items.jsonl";
    }

    /** The decision AutoApply takes by the account's policy (approver AUTO), with its items beside it. */
    public static String autoDecision(String runId) {
        return "runs/" + runId + "/auto-decision.json";
    }

    /**
     * One function's evidence from the run's snapshot, written by Collect: one apply iteration reads this, not the
     * snapshot. Keyed by a digest of the ARN (ARNs hold colons, which a file name should not).
     */
    public static String evidence(String runId, String functionArn) {
        return "runs/" + runId + "/evidence/" + io.fleetopt.core.model.PlanDigest.ofText(functionArn).substring(7, 39) + ".json";
    }

    /** Where the Distributed Map's ResultWriter writes its manifest and result files (below it, per map run). */
    public static String applyResults(String runId) {
        return "runs/" + runId + "/apply-results";
    }

    /**
     * What earlier memory changes taught about each function's response to memory: one document for the whole
     * store, written by VerifyEarlierChanges, read by Analyze (so no stage depends on another). Under {@code runs/},
     * where the stages' roles may read and write.
     */
    public static String learnedResponses() {
        return "runs/learned-responses.json";
    }

    /** The decision the command line records for a run it asked ({@code fleetopt run}, {@code apply --all/--approve}). */
    public static String decision(String runId) {
        return "runs/" + runId + "/decision.json";
    }

    /**
     * Where the review endpoint (and the command line's review page and prompt) write a run's decisions, one document
     * each ({@code <epochMillis>-<random>.json}) with its approved items beside it.
     */
    public static String decisions(String runId) {
        return "runs/" + runId + "/decisions/";
    }

    public static String result(String runId) {
        return "runs/" + runId + "/result.json";
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

    /**
     * Whether a run's plan key names its index: after IndexRun, the plan of a run over member accounts that the
     * approver decides on and the applier checks its lines against is the index, not one plan.
     */
    public static boolean isIndex(String planKey) {
        return planKey != null && planKey.startsWith("runs/") && planKey.endsWith("/index.json")
                && planKey.equals(index(planKey.substring("runs/".length(), planKey.length() - "/index.json".length())));
    }
}
