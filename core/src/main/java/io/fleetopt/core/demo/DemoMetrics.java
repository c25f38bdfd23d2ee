package io.fleetopt.core.demo;

import io.fleetopt.core.model.DailyMetrics;
import io.fleetopt.core.model.FunctionMetrics;
import io.fleetopt.core.model.MemorySource;
import io.fleetopt.core.pricing.DurationModel;
import io.fleetopt.core.pricing.LambdaCpu;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiFunction;

/**
 * Hourly metrics of a demo function, generated from its spec and the settings it had that day, the same
 * numbers every time for the same seed. The CPU part of a function's duration scales with 1/vCPU
 * ({@link DurationModel}): it runs longer with less memory, the rest does not.
 */
final class DemoMetrics {

    /** The CPU time of a function that mostly waits, as Lambda Insights reports it. */
    static final double WAITING_CPU_TIME_RATIO = 0.22;

    private final long seed;

    DemoMetrics(long seed) {
        this.seed = seed;
    }

    /** One day of a function, as it ran with the settings of {@code asOfThatDay}. */
    DayUsage day(DemoFunction asOfThatDay, LocalDate date) {
        DemoFunctionSpec spec = asOfThatDay.spec();
        double baseDurationMs = durationMs(spec, asOfThatDay.memoryMb());
        double timeoutMs = asOfThatDay.timeoutSeconds() * 1000.0;
        long invocations = 0;
        long errors = 0;
        long throttles = 0;
        double durationTotalMs = 0;
        double durationMaxMs = 0;
        int peakConcurrency = 0;
        int maxMemoryUsedMb = 0;
        for (int hour = 0; hour < 24; hour++) {
            SplittableRandom random = new SplittableRandom(seed ^ (spec.name().hashCode() * 31L + date.toEpochDay()) * 1_000_003L + hour);
            double weight = 1 + 0.6 * Math.sin(2 * Math.PI * (hour - 8) / 24.0);
            double expected = spec.dailyInvocations() / 24.0 * weight * (0.85 + 0.3 * random.nextDouble());
            // stochastic rounding keeps a function with a handful of calls a day from rounding to none
            long hourly = (long) expected + (random.nextDouble() < expected - Math.floor(expected) ? 1 : 0);
            double averageMs = baseDurationMs * (0.9 + 0.2 * random.nextDouble());
            double maxMs = averageMs * (1.6 + 0.8 * random.nextDouble());
            long hourErrors = Math.round(hourly * spec.errorRate() * (0.5 + random.nextDouble()));
            if (maxMs > timeoutMs) {
                hourErrors += Math.max(1, hourly / 100);
                maxMs = timeoutMs;
            }
            throttles += Math.round(spec.throttlesPerDay() / 24.0 * weight);
            if (hourly > 0) {
                invocations += hourly;
                errors += Math.min(hourly, hourErrors);
                durationTotalMs += averageMs * hourly;
                durationMaxMs = Math.max(durationMaxMs, maxMs);
                peakConcurrency = Math.max(peakConcurrency, (int) Math.ceil(hourly / 3600.0 * averageMs / 1000.0 * 3));
                if (spec.maxMemoryUsedMb() != null) {
                    maxMemoryUsedMb = Math.max(maxMemoryUsedMb,
                            (int) Math.round(spec.maxMemoryUsedMb() * (0.88 + 0.12 * random.nextDouble())));
                }
            }
        }
        double averageMs = invocations == 0 ? 0 : durationTotalMs / invocations;
        return new DayUsage(date, invocations, errors, throttles, averageMs, durationMaxMs, peakConcurrency, maxMemoryUsedMb);
    }

    /** A function's average duration at {@code memoryMb}: its CPU part takes longer with less CPU. */
    static double durationMs(DemoFunctionSpec spec, int memoryMb) {
        return new DurationModel(spec.cpuShare(), spec.memoryMb()).durationMs(spec.averageDurationMs(), memoryMb);
    }

    /**
     * CPU time / duration at {@code memoryMb}, as Lambda Insights reports it: the CPU work is the same at any memory
     * (the CPU part at the configured memory, times the vCPUs it had there), the duration is not.
     */
    static double cpuTimeRatio(DemoFunctionSpec spec, int memoryMb) {
        if (spec.cpuShare() == 0) {
            return WAITING_CPU_TIME_RATIO;
        }
        double cpuSeconds = spec.cpuShare() * spec.averageDurationMs() * LambdaCpu.vcpus(spec.memoryMb());
        return Math.round(cpuSeconds / durationMs(spec, memoryMb) * 100) / 100.0;
    }

    /** The window [from, to) as the collector would report it. */
    FunctionMetrics window(DemoFunction current, LocalDate from, LocalDate to, LocalDate firstDayWithData,
                           BiFunction<DemoFunction, LocalDate, DemoFunction> settingsOn) {
        DemoFunctionSpec spec = current.spec();
        List<DailyMetrics> daily = new ArrayList<>();
        long invocations = 0;
        long errors = 0;
        long throttles = 0;
        double durationTotalMs = 0;
        double durationMaxMs = 0;
        int peakConcurrency = 0;
        int maxMemoryUsedMb = 0;
        for (LocalDate date = from; date.isBefore(to); date = date.plusDays(1)) {
            if (date.isBefore(firstDayWithData)) {
                continue;
            }
            DayUsage day = day(settingsOn.apply(current, date), date);
            daily.add(new DailyMetrics(date, day.invocations(), day.errors(), day.throttles(),
                    day.invocations() == 0 ? null : day.averageDurationMs(),
                    day.invocations() == 0 ? null : day.maxDurationMs()));
            invocations += day.invocations();
            errors += day.errors();
            throttles += day.throttles();
            durationTotalMs += day.averageDurationMs() * day.invocations();
            durationMaxMs = Math.max(durationMaxMs, day.maxDurationMs());
            peakConcurrency = Math.max(peakConcurrency, day.peakConcurrency());
            maxMemoryUsedMb = Math.max(maxMemoryUsedMb, day.maxMemoryUsedMb());
        }
        boolean hasData = invocations > 0;
        Double averageMs = hasData ? round1(durationTotalMs / invocations) : null;
        boolean memoryKnown = hasData && spec.memorySource() != MemorySource.NONE && maxMemoryUsedMb > 0;
        Double cpuRatio = spec.memorySource() == MemorySource.LAMBDA_INSIGHTS && hasData ? cpuTimeRatio(spec, current.memoryMb()) : null;
        return new FunctionMetrics(
                daily.size(), invocations, errors, throttles,
                averageMs,
                hasData ? round1(averageMs * 0.92) : null,
                hasData ? round1(Math.min(durationMaxMs, averageMs * 1.9)) : null,
                hasData ? round1(durationMaxMs) : null,
                hasData ? peakConcurrency : null,
                spec.asyncInvoked() ? invocations : 0L,
                spec.provisionedConcurrency() != null && hasData ? spec.provisionedUtilization() : null,
                memoryKnown ? maxMemoryUsedMb : null,
                memoryKnown ? spec.memorySource() : MemorySource.NONE,
                cpuRatio,
                daily);
    }

    private static double round1(double value) {
        return Math.round(value * 10) / 10.0;
    }

    /** One day's usage of one function. */
    record DayUsage(LocalDate date, long invocations, long errors, long throttles, double averageDurationMs,
                    double maxDurationMs, int peakConcurrency, int maxMemoryUsedMb) {
    }
}
