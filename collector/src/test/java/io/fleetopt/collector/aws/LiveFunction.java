package io.fleetopt.collector.aws;

/**
 * What the simulated account's writes change on one function: the settings the applier sets, and the revision id
 * Lambda moves on with every configuration change. Starts from the {@link SimulatedFunction} it stands for.
 */
final class LiveFunction {

    private final SimulatedFunction function;
    private int memoryMb;
    private int timeoutSeconds = 30;
    private String tracing = "PassThrough";
    private Integer reserved;
    private Integer retentionDays = 30;
    private int revision;
    private boolean settling;

    LiveFunction(SimulatedFunction function) {
        this.function = function;
        this.memoryMb = function.memoryMb();
        this.reserved = function.reserved();
    }

    synchronized SimulatedAwsAccount.FunctionState state() {
        return new SimulatedAwsAccount.FunctionState(memoryMb, timeoutSeconds, tracing, reserved, retentionDays);
    }

    synchronized String revisionId() {
        return "rev-" + function.name() + (revision == 0 ? "" : "-" + revision);
    }

    /** UpdateFunctionConfiguration: null leaves a setting as it is; the update is InProgress until it is next read. */
    synchronized void update(Integer newMemoryMb, Integer newTimeoutSeconds, String newTracing) {
        if (newMemoryMb != null) {
            memoryMb = newMemoryMb;
        }
        if (newTimeoutSeconds != null) {
            timeoutSeconds = newTimeoutSeconds;
        }
        if (newTracing != null) {
            tracing = newTracing;
        }
        revision++;
        settling = true;
    }

    /** LastUpdateStatus as GetFunctionConfiguration reports it: InProgress once after an update, then Successful. */
    synchronized String lastUpdateStatus() {
        if (settling) {
            settling = false;
            return "InProgress";
        }
        return "Successful";
    }

    synchronized void reserve(Integer concurrency) {
        reserved = concurrency;
    }

    synchronized void retain(Integer days) {
        retentionDays = days;
    }

    synchronized Integer reserved() {
        return reserved;
    }

    synchronized Integer retentionDays() {
        return retentionDays;
    }

    synchronized int memoryMb() {
        return memoryMb;
    }

    synchronized int timeoutSeconds() {
        return timeoutSeconds;
    }

    synchronized String tracing() {
        return tracing;
    }
}
