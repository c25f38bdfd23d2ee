package io.fleetopt.analyzer;

import io.fleetopt.core.model.DailyMetrics;
import io.fleetopt.core.model.FunctionConfig;
import io.fleetopt.core.model.FunctionMetrics;
import io.fleetopt.core.model.FunctionProfile;
import io.fleetopt.core.model.MemorySample;
import io.fleetopt.core.model.MemorySource;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A function profile for tests, from named values: a sound, busy, well-evidenced x86 function unless told
 * otherwise. Daily metrics are spread evenly over the days, with the max duration on every day.
 */
public final class ProfileBuilder {

    public static final String ACCOUNT = "123456789012";
    public static final LocalDate LAST_DAY = LocalDate.of(2026, 11, 1);

    private final String name;
    private String region = "us-east-1";
    private String runtime = "nodejs24.x";
    private String architecture = "x86_64";
    private int memoryMb = 1024;
    private int timeoutSeconds = 30;
    private Integer reservedConcurrency;
    private Integer provisionedConcurrency;
    private String tracingMode = "PassThrough";
    private String deadLetterTargetArn;
    private String onFailureDestinationArn;
    private Integer logRetentionDays = 30;
    private Long logStoredBytes = 1_000_000_000L;
    private final Map<String, String> tags = new LinkedHashMap<>();
    private String cloudFormationStack;
    private final List<String> unknownFields = new ArrayList<>();
    private int days = 14;
    private long invocations = 100_000;
    private long errors;
    private long throttles;
    private Double durationAvgMs = 100.0;
    private Double durationMaxMs = 300.0;
    private Integer peakConcurrency = 5;
    private Long asyncEvents = 0L;
    private Double provisionedUtilizationMax;
    private Integer maxMemoryUsedMb = 200;
    private MemorySource memorySource = MemorySource.LOGS_INSIGHTS;
    private Double cpuTimeRatio;
    private List<DailyMetrics> daily;
    private MemorySample memorySample;
    private String evidenceUnavailable;
    private Double billedDurationAvgMs;
    private io.fleetopt.core.model.FunctionQualifiers qualifiers;

    private ProfileBuilder(String name) {
        this.name = name;
    }

    private String lastModified = "2026-01-01T00:00:00.000+0000";

    public static ProfileBuilder function(String name) {
        return new ProfileBuilder(name);
    }

    public ProfileBuilder region(String value) { region = value; return this; }
    public ProfileBuilder runtime(String value) { runtime = value; return this; }
    public ProfileBuilder arm64() { architecture = "arm64"; return this; }
    public ProfileBuilder memoryMb(int value) { memoryMb = value; return this; }
    public ProfileBuilder timeoutSeconds(int value) { timeoutSeconds = value; return this; }
    public ProfileBuilder reservedConcurrency(Integer value) { reservedConcurrency = value; return this; }
    public ProfileBuilder provisioned(int concurrency, double utilizationMax) {
        provisionedConcurrency = concurrency;
        provisionedUtilizationMax = utilizationMax;
        return this;
    }
    public ProfileBuilder activeTracing() { tracingMode = "Active"; return this; }
    public ProfileBuilder deadLetterQueue(String arn) { deadLetterTargetArn = arn; return this; }
    public ProfileBuilder onFailureDestination(String arn) { onFailureDestinationArn = arn; return this; }
    public ProfileBuilder logsNeverExpire() { logRetentionDays = null; return this; }
    public ProfileBuilder logRetentionDays(int value) { logRetentionDays = value; return this; }
    public ProfileBuilder logStoredBytes(long value) { logStoredBytes = value; return this; }
    public ProfileBuilder tag(String key, String value) { tags.put(key, value); return this; }
    public ProfileBuilder lastModified(String value) { lastModified = value; return this; }
    public ProfileBuilder stack(String value) { cloudFormationStack = value; return this; }
    public ProfileBuilder unknown(String field) { unknownFields.add(field); return this; }
    public ProfileBuilder days(int value) { days = value; return this; }
    public ProfileBuilder invocations(long value) { invocations = value; return this; }
    public ProfileBuilder errors(long value) { errors = value; return this; }
    public ProfileBuilder throttles(long value) { throttles = value; return this; }
    public ProfileBuilder durationAvgMs(double value) { durationAvgMs = value; return this; }
    public ProfileBuilder durationMaxMs(double value) { durationMaxMs = value; return this; }
    public ProfileBuilder noDurations() { durationAvgMs = null; durationMaxMs = null; return this; }
    public ProfileBuilder peakConcurrency(Integer value) { peakConcurrency = value; return this; }
    public ProfileBuilder asyncEvents(long value) { asyncEvents = value; return this; }
    public ProfileBuilder maxMemoryUsedMb(int value) { maxMemoryUsedMb = value; return this; }
    public ProfileBuilder memorySource(MemorySource value) { memorySource = value; return this; }
    public ProfileBuilder noMemorySource() { maxMemoryUsedMb = null; memorySource = MemorySource.NONE; return this; }
    public ProfileBuilder cpuTimeRatio(double value) { cpuTimeRatio = value; memorySource = MemorySource.LAMBDA_INSIGHTS; return this; }
    public ProfileBuilder daily(List<DailyMetrics> value) { daily = value; return this; }
    public ProfileBuilder qualifiers(io.fleetopt.core.model.FunctionQualifiers value) { qualifiers = value; return this; }

    /**
     * Invoked through alias {@code alias} ({@code share} of the invocations), which serves version 7, published from
     * $LATEST as it is now (same code and settings); {@code provisioned} on the alias, null for none.
     */
    public ProfileBuilder throughAlias(String alias, double share, Integer provisioned) {
        qualifiers = new io.fleetopt.core.model.FunctionQualifiers(List.of(new io.fleetopt.core.model.FunctionAlias(alias, "7",
                Map.of(), provisioned, Math.round(invocations * share), "alias-rev")),
                List.of(new io.fleetopt.core.model.PublishedVersion("7", "sha-1", memoryMb, timeoutSeconds, tracingMode, "release 7")),
                "None", "sha-1", List.of());
        return this;
    }

    public String arn() {
        return "arn:aws:lambda:" + region + ":" + ACCOUNT + ":function:" + name;
    }

    public ProfileBuilder memorySample(long reportLines, int daysCovered) {
        this.memorySource = MemorySource.LOG_SAMPLE;
        this.memorySample = new MemorySample(reportLines, daysCovered);
        return this;
    }

    /** Metrics that could not be read: no counts, the cause. */
    public ProfileBuilder evidenceUnavailable(String cause) {
        this.evidenceUnavailable = cause;
        this.days = 0;
        this.invocations = 0;
        this.durationAvgMs = null;
        this.durationMaxMs = null;
        this.maxMemoryUsedMb = null;
        this.memorySource = MemorySource.NONE;
        this.peakConcurrency = null;
        this.asyncEvents = null;
        return this;
    }

    public ProfileBuilder billedDurationAvgMs(double ms) {
        this.billedDurationAvgMs = ms;
        return this;
    }

    public FunctionProfile build() {
        FunctionConfig config = new FunctionConfig(runtime, architecture, memoryMb, timeoutSeconds, reservedConcurrency,
                provisionedConcurrency, tracingMode, deadLetterTargetArn, onFailureDestinationArn, "/aws/lambda/" + name,
                logRetentionDays, logStoredBytes, Map.copyOf(tags), cloudFormationStack, "rev-" + name, lastModified,
                List.copyOf(unknownFields));
        FunctionMetrics metrics = new FunctionMetrics(days, invocations, errors, throttles, durationAvgMs,
                durationAvgMs == null ? null : durationAvgMs * 0.9, durationMaxMs == null ? null : Math.min(durationMaxMs, durationAvgMs * 2),
                durationMaxMs, peakConcurrency, asyncEvents, provisionedUtilizationMax, maxMemoryUsedMb, memorySource, cpuTimeRatio,
                daily != null ? daily : evenDays(), memorySample, null, evidenceUnavailable, billedDurationAvgMs);
        return new FunctionProfile(arn(), name, region, config, metrics, List.of(), qualifiers);
    }

    private List<DailyMetrics> evenDays() {
        List<DailyMetrics> result = new ArrayList<>();
        for (int i = 0; i < days; i++) {
            long share = invocations / days + (i < invocations % days ? 1 : 0);
            long errorShare = errors / days + (i < errors % days ? 1 : 0);
            long throttleShare = throttles / days + (i < throttles % days ? 1 : 0);
            result.add(new DailyMetrics(LAST_DAY.minusDays(days - 1 - i), share, errorShare, throttleShare,
                    share == 0 ? null : durationAvgMs, share == 0 ? null : durationMaxMs));
        }
        return result;
    }
}
