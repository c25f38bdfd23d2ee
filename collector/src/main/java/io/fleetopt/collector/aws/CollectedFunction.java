package io.fleetopt.collector.aws;

import io.fleetopt.core.model.DailyMetrics;
import io.fleetopt.core.model.FunctionAlias;
import io.fleetopt.core.model.FunctionConfig;
import io.fleetopt.core.model.FunctionQualifiers;
import io.fleetopt.core.model.PublishedVersion;
import io.fleetopt.core.model.FunctionMetrics;
import io.fleetopt.core.model.FunctionProfile;
import io.fleetopt.core.model.MemorySample;
import io.fleetopt.core.model.MemorySource;
import io.fleetopt.core.scope.Scope;
import io.micronaut.core.annotation.Nullable;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One function while it is being collected: its listing and tags, then its metric series, the per-function
 * details and its memory evidence. Each phase writes it from one thread; phases are joined before the next.
 */
final class CollectedFunction {

    static final String STACK_TAG = "aws:cloudformation:stack-name";
    static final String RESERVED = "reservedConcurrency";
    static final String PROVISIONED = "provisionedConcurrency";
    static final String ON_FAILURE = "onFailureDestinationArn";
    static final String LOG_RETENTION = "logRetentionDays";
    static final String LOG_STORED = "logStoredBytes";

    final int index;
    final String region;
    final FunctionConfiguration listing;
    final Map<String, String> tags;
    final Optional<String> exclusion;

    final Map<MetricKind, SortedMap<LocalDate, Double>> series = new EnumMap<>(MetricKind.class);
    /** Why the metrics could not be read (the first cause), or null when they were. */
    @Nullable String metricsUnavailable;
    @Nullable LogGroupFacts logGroup;
    @Nullable Integer reservedConcurrency;
    @Nullable Integer provisionedConcurrency;
    @Nullable String onFailureDestinationArn;
    @Nullable Integer maxMemoryUsedMb;
    MemorySource memorySource = MemorySource.NONE;
    @Nullable MemorySample memorySample;
    @Nullable String memoryGap;
    @Nullable Double billedDurationAvgMs;
    @Nullable Double cpuTimeRatio;
    final Set<String> unknownFields = Collections.synchronizedSet(new LinkedHashSet<>());
    /** Set once the function was considered for its qualifiers (in scope, metrics read). */
    boolean qualifiersRead;
    @Nullable List<FunctionAlias> aliases;
    List<PublishedVersion> versions = List.of();
    /** Provisioned concurrency by qualifier (alias or version), where ListProvisionedConcurrencyConfigs was read. */
    final Map<String, Integer> provisionedByQualifier = new java.util.concurrent.ConcurrentHashMap<>();
    final Set<String> qualifierUnknownFields = Collections.synchronizedSet(new LinkedHashSet<>());
    final List<String> warnings = Collections.synchronizedList(new ArrayList<>());

    CollectedFunction(int index, String region, FunctionConfiguration listing, Map<String, String> tags, Scope scope) {
        this.index = index;
        this.region = region;
        this.listing = listing;
        this.tags = tags;
        this.exclusion = scope.exclusionReason(listing.functionName(), config());
    }

    String name() {
        return listing.functionName();
    }

    boolean inScope() {
        return exclusion.isEmpty();
    }

    String logGroupName() {
        if (listing.loggingConfig() != null && listing.loggingConfig().logGroup() != null) {
            return listing.loggingConfig().logGroup();
        }
        return "/aws/lambda/" + name();
    }

    boolean metricsRead() {
        return metricsUnavailable == null;
    }

    /** The metrics could not be read: none of them is a fact now. The first cause is kept. */
    synchronized void metricsUnavailable(String cause) {
        if (metricsUnavailable == null) {
            metricsUnavailable = cause;
            warnings.add("evidence unavailable: metrics could not be read (" + cause + ")");
        }
    }

    /** Memory was looked for and not found: the reason, for the plan. */
    void memoryGap(String reason) {
        memoryGap = reason;
        warnings.add("memory unknown: " + reason);
    }

    SortedMap<LocalDate, Double> series(MetricKind kind) {
        return series.getOrDefault(kind, new TreeMap<>());
    }

    int daysWithData() {
        return series(MetricKind.INVOCATIONS).size();
    }

    long invocations() {
        return Math.round(sum(MetricKind.INVOCATIONS));
    }

    long throttles() {
        return Math.round(sum(MetricKind.THROTTLES));
    }

    boolean hasEnoughEvidence(long minInvocations) {
        return metricsRead() && daysWithData() >= CollectionLimits.MIN_DAYS_FOR_DETAILS && invocations() >= minInvocations;
    }

    void logGroupUnknown() {
        unknownFields.add(LOG_RETENTION);
        unknownFields.add(LOG_STORED);
    }

    /** A qualifier field could not be read; {@code warning} null when the cause is already in the warnings. */
    void qualifierUnknown(String field, @Nullable String warning) {
        qualifierUnknownFields.add(field);
        if (warning != null) {
            warnings.add(warning);
        }
    }

    boolean snapStartOn() {
        return listing.snapStart() != null && "PublishedVersions".equals(listing.snapStart().applyOnAsString());
    }

    /** What the collector learned of how the function is invoked; null when it was not looked at. */
    @Nullable FunctionQualifiers qualifiers() {
        if (!qualifiersRead) {
            return null;
        }
        List<FunctionAlias> withProvisioned = new ArrayList<>();
        for (FunctionAlias alias : aliases == null ? List.<FunctionAlias>of() : aliases) {
            withProvisioned.add(new FunctionAlias(alias.name(), alias.functionVersion(), alias.additionalVersionWeights(),
                    provisionedByQualifier.get(alias.name()), alias.invocations(), alias.revisionId()));
        }
        Set<String> unknown = new LinkedHashSet<>(qualifierUnknownFields);
        if (unknownFields.contains(PROVISIONED)) {
            unknown.add(FunctionQualifiers.PROVISIONED);
        }
        String snapStart = listing.snapStart() == null ? null : listing.snapStart().applyOnAsString();
        return new FunctionQualifiers(List.copyOf(withProvisioned), versions, snapStart, listing.codeSha256(), List.copyOf(unknown));
    }

    void unknown(String field, String warning) {
        unknownFields.add(field);
        warnings.add(warning);
    }

    FunctionConfig config() {
        String architecture = listing.hasArchitectures() && !listing.architecturesAsStrings().isEmpty()
                ? listing.architecturesAsStrings().getFirst() : "x86_64";
        String runtime = listing.runtimeAsString() != null ? listing.runtimeAsString()
                : (listing.packageTypeAsString() != null ? listing.packageTypeAsString().toLowerCase() : "unknown");
        return new FunctionConfig(runtime, architecture,
                listing.memorySize() == null ? 128 : listing.memorySize(),
                listing.timeout() == null ? 3 : listing.timeout(),
                reservedConcurrency, provisionedConcurrency,
                listing.tracingConfig() == null ? "PassThrough" : listing.tracingConfig().modeAsString(),
                listing.deadLetterConfig() == null ? null : listing.deadLetterConfig().targetArn(),
                onFailureDestinationArn, logGroupName(),
                logGroup == null ? null : logGroup.retentionDays(),
                logGroup == null ? null : logGroup.storedBytes(),
                tags, tags.get(STACK_TAG),
                listing.revisionId() == null ? "unknown" : listing.revisionId(),
                listing.lastModified(), List.copyOf(unknownFields));
    }

    FunctionProfile profile() {
        return new FunctionProfile(listing.functionArn(), name(), region, config(), metrics(), List.copyOf(warnings), qualifiers());
    }

    FunctionMetrics metrics() {
        if (!inScope()) {
            return FunctionMetrics.none();
        }
        if (!metricsRead()) {
            return FunctionMetrics.unavailable(metricsUnavailable);
        }
        SortedMap<LocalDate, Double> invocations = series(MetricKind.INVOCATIONS);
        SortedMap<LocalDate, Double> durationAvg = series(MetricKind.DURATION_AVG);
        double weighted = 0;
        double weight = 0;
        for (Map.Entry<LocalDate, Double> day : durationAvg.entrySet()) {
            double count = invocations.getOrDefault(day.getKey(), 0.0);
            weighted += day.getValue() * count;
            weight += count;
        }
        Double avg = weight > 0 ? weighted / weight : null;
        List<DailyMetrics> daily = new ArrayList<>();
        for (Map.Entry<LocalDate, Double> day : invocations.entrySet()) {
            LocalDate date = day.getKey();
            daily.add(new DailyMetrics(date, Math.round(day.getValue()),
                    Math.round(series(MetricKind.ERRORS).getOrDefault(date, 0.0)),
                    Math.round(series(MetricKind.THROTTLES).getOrDefault(date, 0.0)),
                    durationAvg.get(date), series(MetricKind.DURATION_MAX).get(date)));
        }
        Double peak = max(MetricKind.CONCURRENCY_MAX);
        SortedMap<LocalDate, Double> async = series(MetricKind.ASYNC_EVENTS);
        return new FunctionMetrics(daysWithData(), invocations(), Math.round(sum(MetricKind.ERRORS)), throttles(),
                avg, null, null, max(MetricKind.DURATION_MAX),
                peak == null ? null : (int) Math.ceil(peak),
                async.isEmpty() ? null : Math.round(sum(MetricKind.ASYNC_EVENTS)),
                max(MetricKind.PROVISIONED_UTILIZATION_MAX),
                maxMemoryUsedMb, memorySource, cpuTimeRatio, daily, memorySample, memoryGap, null, billedDurationAvgMs);
    }

    @Nullable Double max(MetricKind kind) {
        return series(kind).values().stream().max(Double::compare).orElse(null);
    }

    double sum(MetricKind kind) {
        return series(kind).values().stream().mapToDouble(Double::doubleValue).sum();
    }

    @Nullable Double average(MetricKind kind) {
        SortedMap<LocalDate, Double> values = series(kind);
        return values.isEmpty() ? null : values.values().stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }
}
