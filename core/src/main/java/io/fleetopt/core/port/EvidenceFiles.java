package io.fleetopt.core.port;

import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.model.FleetSnapshot;
import io.fleetopt.core.model.FunctionEvidence;
import io.fleetopt.core.model.FunctionProfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Each function of a snapshot as its own document ({@link ArtifactKeys#evidence}), written by Collect beside the
 * snapshot, read by one apply iteration for the one function it changes. Written a few at a time in parallel: a
 * fleet of ten thousand functions is ten thousand small writes.
 */
public final class EvidenceFiles {

    static final int PARALLEL_WRITES = 16;

    private final ArtifactStore store;
    private final DocumentCodec codec;

    public EvidenceFiles(ArtifactStore store, DocumentCodec codec) {
        this.store = store;
        this.codec = codec;
    }

    public void writeAll(FleetSnapshot snapshot) {
        Semaphore slots = new Semaphore(PARALLEL_WRITES);
        try (ExecutorService writers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> writes = new ArrayList<>();
            for (FunctionProfile profile : snapshot.functions()) {
                writes.add(writers.submit(() -> {
                    slots.acquireUninterruptibly();
                    try {
                        store.put(ArtifactKeys.evidence(snapshot.runId(), profile.arn()), codec.write(new FunctionEvidence(
                                FunctionEvidence.SCHEMA_VERSION, snapshot.runId(), snapshot.collectedAt(), profile)));
                    } finally {
                        slots.release();
                    }
                }));
            }
            for (Future<?> write : writes) {
                write.get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing the functions' evidence", e);
        }
    }

    /** The evidence of one function of run {@code runId}, or empty when Collect stored none for it. */
    public Optional<FunctionEvidence> find(String runId, String functionArn) {
        String key = ArtifactKeys.evidence(runId, functionArn);
        return store.get(key).map(json -> codec.read(json, FunctionEvidence.class, store.locate(key)));
    }
}
