package io.fleetopt.notifier.approval.local;

import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.notifier.approval.TaskCallback;
import io.fleetopt.notifier.approval.TaskEndedException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The local stand-in for a Step Functions task waiting for its token: the command that waits (fleetopt run
 * --demo) marks {@code <runId>/waiting}; the review page answers by creating {@code <runId>/task-result.json}
 * once. The task token is the run id.
 */
public final class LocalTask implements TaskCallback {

    /** The answer the waiting command gets: SUCCEEDED with the output, or FAILED with an error. */
    @Serdeable
    public record Result(String status, @Nullable String output, @Nullable String error, @Nullable String cause) {

        public boolean succeeded() {
            return "SUCCEEDED".equals(status);
        }
    }

    private final Path dir;
    private final DocumentCodec codec;

    public LocalTask(Path dir, DocumentCodec codec) {
        this.dir = dir;
        this.codec = codec;
    }

    /** Marks the run as waiting for an answer; returns its task token. */
    public String startWaiting(String runId) {
        AtomicFiles.replace(waiting(runId), "waiting since the command started\n");
        return runId;
    }

    /** The command stops waiting (it got an answer another way, or ends): a later answer finds the task ended. */
    public void stopWaiting(String taskToken) {
        try {
            Files.deleteIfExists(waiting(taskToken));
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove " + waiting(taskToken), e);
        }
    }

    /** The answer, if one came. */
    public Optional<Result> result(String taskToken) {
        Path file = resultFile(taskToken);
        return AtomicFiles.read(file).map(json -> codec.read(json, Result.class, file.toString()));
    }

    /** Waits up to {@code timeout} for an answer. */
    public Optional<Result> await(String taskToken, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            Optional<Result> result = result(taskToken);
            if (result.isPresent()) {
                return result;
            }
            Thread.sleep(100);
        }
        return result(taskToken);
    }

    @Override
    public boolean isWaiting(String taskToken) {
        return Files.exists(waiting(taskToken)) && !Files.exists(resultFile(taskToken));
    }

    @Override
    public void succeed(String taskToken, String outputJson) {
        answer(taskToken, new Result("SUCCEEDED", outputJson, null, null));
    }

    @Override
    public void fail(String taskToken, String error, String cause) {
        answer(taskToken, new Result("FAILED", null, error, cause));
    }

    private void answer(String taskToken, Result result) {
        if (!Files.exists(waiting(taskToken)) || !AtomicFiles.createOnce(resultFile(taskToken), codec.write(result))) {
            throw new TaskEndedException("run " + taskToken + " no longer waits for an answer", null);
        }
    }

    private Path waiting(String runId) {
        return dir.resolve(runId).resolve("waiting");
    }

    private Path resultFile(String runId) {
        return dir.resolve(runId).resolve("task-result.json");
    }
}
