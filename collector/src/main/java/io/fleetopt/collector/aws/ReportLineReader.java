package io.fleetopt.collector.aws;

import io.fleetopt.core.model.MemorySample;
import io.fleetopt.core.model.MemorySource;
import io.micronaut.core.annotation.Nullable;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a function's REPORT lines with FilterLogEvents, for when Logs Insights is not allowed, not available or
 * over its budget. First it pages through the whole window, up to {@code scanPages} pages: when the last page
 * comes, every REPORT line was read and the maximum is exact ({@link MemorySource#LOG_SCAN}). Otherwise it reads a
 * sample spread over the whole window: one page from each day, each day starting at a different hour so the
 * sample is not the same hours every day ({@link MemorySource#LOG_SAMPLE}, a lower bound, with its size).
 * Every call is taken from the run's call budget; a reading the budget cannot pay for is not started.
 */
final class ReportLineReader {

    static final int PAGE_LIMIT = 10_000;
    static final int SLICE_LIMIT = 1_000;
    static final String FILTER = "\"REPORT RequestId\"";
    /** Successive days' slices start this many hours apart (coprime with 24: every hour of the day in 24 days). */
    static final int SLICE_HOUR_STRIDE = 7;
    private static final Pattern MAX_USED = Pattern.compile("Max Memory Used: (\\d+) MB");
    private static final Pattern SIZE = Pattern.compile("Memory Size: (\\d+) MB");
    private static final Pattern BILLED = Pattern.compile("Billed Duration: (\\d+(?:\\.\\d+)?) ms");

    private final CloudWatchLogsClient logs;
    private final CallBudget budget;
    private final int scanPages;

    ReportLineReader(CloudWatchLogsClient logs, CallBudget budget, int scanPages) {
        this.logs = logs;
        this.budget = budget;
        this.scanPages = scanPages;
    }

    /** What was read: the stats, exact or sampled, or why nothing could be read. */
    record Reading(@Nullable ReportStats stats, MemorySource source, @Nullable MemorySample sample, @Nullable String gap) {
    }

    /** The cheapest reading the budget allows: at most {@code scanPages} + one per day of the window. */
    Reading read(String logGroup, MetricWindow window) {
        if (!budget.take(1)) {
            return new Reading(null, MemorySource.NONE, null, budget.exhausted());
        }
        Tally scan = new Tally();
        String token = null;
        int pages = 0;
        do {
            if (pages > 0 && !budget.take(1)) {
                break;
            }
            String pageToken = token;
            FilterLogEventsResponse response = logs.filterLogEvents(b -> b.logGroupName(logGroup).filterPattern(FILTER)
                    .startTime(window.start().toEpochMilli()).endTime(window.end().toEpochMilli())
                    .limit(PAGE_LIMIT).nextToken(pageToken));
            scan.add(response, window);
            token = response.nextToken();
            pages++;
        } while (token != null && pages < scanPages);
        if (token == null) {
            return scan.reports == 0 ? new Reading(null, MemorySource.NONE, null, "no REPORT lines in the window's logs")
                    : new Reading(scan.stats(), MemorySource.LOG_SCAN, new MemorySample(scan.reports, scan.days()), null);
        }
        int days = (int) window.days();
        if (!budget.take(days)) {
            return new Reading(null, MemorySource.NONE, null, "its REPORT lines were not all read in " + pages
                    + " pages, and a sample of the window's days could not be paid for: " + budget.exhausted());
        }
        Tally sample = new Tally();
        for (int day = 0; day < days; day++) {
            Instant dayStart = window.start().plus(Duration.ofDays(day));
            Instant from = dayStart.plus(Duration.ofHours((long) day * SLICE_HOUR_STRIDE % 24));
            FilterLogEventsResponse response = logs.filterLogEvents(b -> b.logGroupName(logGroup).filterPattern(FILTER)
                    .startTime(from.toEpochMilli()).endTime(dayStart.plus(Duration.ofDays(1)).toEpochMilli())
                    .limit(SLICE_LIMIT));
            sample.add(response, window);
        }
        // the first pages of the scan are part of what is known, too
        sample.merge(scan);
        return new Reading(sample.stats(), MemorySource.LOG_SAMPLE, new MemorySample(sample.reports, sample.days()), null);
    }

    /** What the lines read so far say. */
    private static final class Tally {
        int maxUsedMb;
        @Nullable Integer sizeMb;
        long reports;
        double billedMsTotal;
        long billedLines;
        final java.util.Set<LocalDate> days = new java.util.HashSet<>();

        void add(FilterLogEventsResponse response, MetricWindow window) {
            for (FilteredLogEvent event : response.events()) {
                Matcher used = MAX_USED.matcher(event.message());
                if (!used.find()) {
                    continue;
                }
                reports++;
                maxUsedMb = Math.max(maxUsedMb, Integer.parseInt(used.group(1)));
                Matcher memory = SIZE.matcher(event.message());
                if (memory.find()) {
                    sizeMb = Integer.parseInt(memory.group(1));
                }
                Matcher billed = BILLED.matcher(event.message());
                if (billed.find()) {
                    billedMsTotal += Double.parseDouble(billed.group(1));
                    billedLines++;
                }
                if (event.timestamp() != null) {
                    days.add(LocalDate.ofInstant(Instant.ofEpochMilli(event.timestamp()), java.time.ZoneOffset.UTC));
                }
            }
        }

        void merge(Tally other) {
            maxUsedMb = Math.max(maxUsedMb, other.maxUsedMb);
            reports += other.reports;
            billedMsTotal += other.billedMsTotal;
            billedLines += other.billedLines;
            days.addAll(other.days);
            if (sizeMb == null) {
                sizeMb = other.sizeMb;
            }
        }

        int days() {
            return days.size();
        }

        ReportStats stats() {
            return new ReportStats(maxUsedMb, sizeMb, reports, billedLines == 0 ? null : billedMsTotal / billedLines);
        }
    }
}
