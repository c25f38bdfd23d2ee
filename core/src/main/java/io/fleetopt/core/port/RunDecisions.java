package io.fleetopt.core.port;

import io.fleetopt.core.model.Decision;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which of a run's recorded decisions counts when it is applied again without a new one ({@code fleetopt apply --run ID}):
 * the newest decision of a person, by its {@code decidedAt}, ties broken by the greater key. Looked for where a deployed
 * run's review endpoint writes them ({@link ArtifactKeys#decisions}) and where the command line records the one it
 * asked for ({@link ArtifactKeys#decision}). AutoApply's decision ({@link Decision#AUTO_APPROVER}) is the policy's, not a
 * person's, and never counts here; nor does a document that approves items without naming its approved items file
 * (the terminal's copy, kept beside the page's decisions so that one answer wins).
 */
public final class RunDecisions {

    /**
     * The decision that counts, the keys of the other decisions of a person the run has, and of those the review
     * page's ({@code pageDecisions}): the page takes one answer per run, so two of them mean two answers raced, and
     * only the approvals table knows which one the run took.
     */
    public record Counting(String key, Decision decision, List<String> others, List<String> pageDecisions) {

        /** Two review-page answers raced: the newest is not necessarily the one the run accepted. */
        public boolean ambiguous() {
            return pageDecisions.size() > 1;
        }
    }

    /** The review endpoint's decision keys: {@code runs/<id>/decisions/<epoch millis>-<8 hex digits>.json}. */
    private static final java.util.regex.Pattern PAGE_DECISION = java.util.regex.Pattern.compile("[0-9]+-[0-9a-f]{8}\\.json");

    private RunDecisions() {
    }

    /** The keys to look at: the command line's decision and the documents {@code listedUnderDecisions} names. */
    public static List<String> candidates(String runId, List<String> listedUnderDecisions) {
        List<String> keys = new ArrayList<>();
        keys.add(ArtifactKeys.decision(runId));
        String prefix = ArtifactKeys.decisions(runId);
        listedUnderDecisions.stream().filter(k -> k.startsWith(prefix) && k.endsWith(".json") && !k.endsWith(".items.jsonl")
                && k.indexOf('/', prefix.length()) < 0).sorted().forEach(keys::add);
        return keys;
    }

    /** The one that counts among {@code keys}, read with {@code read} (empty where nothing is stored). */
    public static Optional<Counting> counting(List<String> keys, Function<String, Optional<Decision>> read) {
        record Found(String key, Decision decision) {
        }
        List<Found> persons = new ArrayList<>();
        for (String key : keys) {
            read.apply(key).filter(d -> !d.approver().startsWith(Decision.AUTO_APPROVER))
                    .filter(d -> d.approvedItemIds().isEmpty() || d.approvedItemsKey() != null)
                    .ifPresent(d -> persons.add(new Found(key, d)));
        }
        return persons.stream().max(Comparator.comparing((Found f) -> f.decision().decidedAt()).thenComparing(Found::key))
                .map(best -> new Counting(best.key(), best.decision(),
                        persons.stream().map(Found::key).filter(k -> !k.equals(best.key())).toList(),
                        persons.stream().map(Found::key).filter(RunDecisions::isPageDecision).toList()));
    }

    static boolean isPageDecision(String key) {
        int slash = key.lastIndexOf('/');
        return key.substring(0, slash + 1).endsWith("/decisions/") && PAGE_DECISION.matcher(key.substring(slash + 1)).matches();
    }
}
