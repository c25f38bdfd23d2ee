package io.fleetopt.core.demo;

import io.fleetopt.core.model.MemorySource;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a demo function is configured when the demo account is created, and how it behaves: its traffic,
 * how long it runs, how much memory it really uses, and how much of its duration at {@code memoryMb} is CPU work
 * ({@code cpuShare}: that part scales with 1/vCPU, the rest waits on other services). Metrics are generated from
 * these few numbers.
 */
@Serdeable
public record DemoFunctionSpec(
        String name,
        String runtime,
        String architecture,
        int memoryMb,
        int timeoutSeconds,
        long dailyInvocations,
        double averageDurationMs,
        @Nullable Integer maxMemoryUsedMb,
        MemorySource memorySource,
        boolean cpuBound,
        double cpuShare,
        int daysOfData,
        double errorRate,
        boolean asyncInvoked,
        @Nullable String deadLetterTargetArn,
        String tracingMode,
        @Nullable Integer logRetentionDays,
        long logStoredBytes,
        @Nullable Integer reservedConcurrency,
        @Nullable Integer provisionedConcurrency,
        @Nullable Double provisionedUtilization,
        long throttlesPerDay,
        Map<String, String> tags) {

    /** The typical unoptimized function: 3008 MB, 300 s, logs kept forever, no DLQ, PassThrough tracing. */
    public static Builder unoptimized(String name, long dailyInvocations, double averageDurationMs, int maxMemoryUsedMb) {
        return new Builder(name, dailyInvocations, averageDurationMs, maxMemoryUsedMb);
    }

    /** Builds a spec from the baseline, changing only what makes a function special. */
    public static final class Builder {
        private final String name;
        private final long dailyInvocations;
        private final double averageDurationMs;
        private String runtime = "nodejs20.x";
        private String architecture = "x86_64";
        private int memoryMb = 3008;
        private int timeoutSeconds = 300;
        private Integer maxMemoryUsedMb;
        private MemorySource memorySource = MemorySource.LOGS_INSIGHTS;
        private boolean cpuBound;
        private double cpuShare;
        private int daysOfData = 400;
        private double errorRate = 0.002;
        private boolean asyncInvoked;
        private String deadLetterTargetArn;
        private String tracingMode = "PassThrough";
        private Integer logRetentionDays;
        private long logStoredBytes;
        private Integer reservedConcurrency;
        private Integer provisionedConcurrency;
        private Double provisionedUtilization;
        private long throttlesPerDay;
        private final Map<String, String> tags = new LinkedHashMap<>();

        private Builder(String name, long dailyInvocations, double averageDurationMs, int maxMemoryUsedMb) {
            this.name = name;
            this.dailyInvocations = dailyInvocations;
            this.averageDurationMs = averageDurationMs;
            this.maxMemoryUsedMb = maxMemoryUsedMb;
            this.logStoredBytes = Math.max(50_000_000L, dailyInvocations * 400 * 90);
        }

        public Builder runtime(String value) { runtime = value; return this; }
        public Builder arm64() { architecture = "arm64"; return this; }
        public Builder memoryMb(int value) { memoryMb = value; return this; }
        public Builder timeoutSeconds(int value) { timeoutSeconds = value; return this; }
        public Builder noMemorySource() { maxMemoryUsedMb = null; memorySource = MemorySource.NONE; return this; }
        public Builder lambdaInsights() { memorySource = MemorySource.LAMBDA_INSIGHTS; return this; }
        /** Computes nearly all the time, and Lambda Insights reports its CPU time. */
        public Builder cpuBound() { cpuBound = true; cpuShare = 0.93; memorySource = MemorySource.LAMBDA_INSIGHTS; return this; }
        /** This much of its duration at its configured memory is CPU work (without Insights, nothing shows it). */
        public Builder cpuShare(double value) { cpuShare = value; return this; }
        public Builder daysOfData(int value) { daysOfData = value; return this; }
        public Builder errorRate(double value) { errorRate = value; return this; }
        public Builder asyncInvoked() { asyncInvoked = true; return this; }
        public Builder deadLetterQueue(String arn) { deadLetterTargetArn = arn; return this; }
        public Builder activeTracing() { tracingMode = "Active"; return this; }
        public Builder logRetentionDays(int value) { logRetentionDays = value; return this; }
        public Builder reservedConcurrency(int value) { reservedConcurrency = value; return this; }
        public Builder throttlesPerDay(long value) { throttlesPerDay = value; return this; }
        public Builder provisioned(int concurrency, double utilization) {
            provisionedConcurrency = concurrency;
            provisionedUtilization = utilization;
            return this;
        }
        public Builder tag(String key, String value) { tags.put(key, value); return this; }

        public DemoFunctionSpec build() {
            return new DemoFunctionSpec(name, runtime, architecture, memoryMb, timeoutSeconds, dailyInvocations,
                    averageDurationMs, maxMemoryUsedMb, memorySource, cpuBound, cpuShare, daysOfData, errorRate, asyncInvoked,
                    deadLetterTargetArn, tracingMode, logRetentionDays, logStoredBytes, reservedConcurrency,
                    provisionedConcurrency, provisionedUtilization, throttlesPerDay, Map.copyOf(tags));
        }
    }
}
