package io.fleetopt.analyzer;

import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.model.RunIndex;
import io.fleetopt.core.model.RunState;
import io.fleetopt.core.model.TargetRunState;
import io.fleetopt.core.port.ArtifactKeys;
import io.fleetopt.core.port.DocumentStore;
import io.fleetopt.core.port.MapRunResults;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The IndexRun state: reads the manifest and result files the Distributed Map's ResultWriter wrote, and writes the
 * run's {@link RunIndex}: each (account, region) with its snapshot, plan and totals, and the ones whose child
 * execution failed with the error. The run's totals travel on in the state, and the index's key as the run's plan
 * key: the one plan the approver decides on ({@link ArtifactKeys#isIndex}). An output that is not this run's, or a target listed twice, is refused.
 */
public final class IndexRunStage {

    private final MapRunResults results;
    private final DocumentStore documents;
    private final DocumentCodec codec;

    public IndexRunStage(MapRunResults results, DocumentStore documents, DocumentCodec codec) {
        this.results = results;
        this.documents = documents;
        this.codec = codec;
    }

    public RunState run(IndexRequest request) {
        RunState state = request.run();
        if (request.manifestKey() == null || request.manifestKey().isBlank()) {
            throw new IllegalArgumentException("run " + state.runId() + ": no manifestKey (the Map's ResultWriterDetails.Key)");
        }
        RunIndex index = index(state.runId(), results.read(request.manifestKey()));
        codec.validate(index, "run index of " + state.runId());
        String key = documents.write(ArtifactKeys.index(state.runId()), index);
        RunIndex.Totals totals = index.totals();
        return state.withSnapshot(null, totals.functionCount())
                .withPlan(key, totals.itemCount(), totals.applyItemCount(), totals.monthlySavingUsd());
    }

    RunIndex index(String runId, List<MapRunResults.Child> children) {
        List<RunIndex.Entry> entries = new ArrayList<>();
        List<RunIndex.FailedTarget> failed = new ArrayList<>();
        for (MapRunResults.Child child : children) {
            if ("SUCCEEDED".equals(child.status()) && child.output() != null) {
                TargetRunState out = codec.read(child.output(), TargetRunState.class, "a child execution's output");
                requireRun(runId, out);
                if (out.planKey() == null || out.snapshotKey() == null || out.monthlySavingUsd() == null
                        || out.planDigest() == null) {
                    throw new IllegalArgumentException("target " + out.target().path()
                            + " succeeded without a snapshot, a plan and the plan's digest");
                }
                entries.add(new RunIndex.Entry(out.target().accountId(), out.target().region(), out.snapshotKey(),
                        out.planKey(), out.planDigest(), out.functionCount(), out.itemCount(), out.applyItemCount(), out.monthlySavingUsd()));
            } else {
                TargetRunState in = codec.read(child.input(), TargetRunState.class, "a child execution's input");
                requireRun(runId, in);
                failed.add(new RunIndex.FailedTarget(in.target().accountId(), in.target().region(),
                        child.error() == null ? child.status() : child.error(), child.cause()));
            }
        }
        Comparator<RunIndex.Entry> byTarget = Comparator.comparing(RunIndex.Entry::accountId).thenComparing(RunIndex.Entry::region);
        entries.sort(byTarget);
        failed.sort(Comparator.comparing(RunIndex.FailedTarget::accountId).thenComparing(RunIndex.FailedTarget::region));
        return RunIndex.of(runId, entries, failed);
    }

    private static void requireRun(String runId, TargetRunState state) {
        if (!runId.equals(state.runId())) {
            throw new IllegalArgumentException("a child execution of run " + state.runId() + " is in the results of run " + runId);
        }
    }
}
