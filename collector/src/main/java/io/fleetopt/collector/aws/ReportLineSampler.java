package io.fleetopt.collector.aws;

import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bounded sample of a function's REPORT lines through FilterLogEvents (at most {@link #MAX_PAGES} pages of
 * {@link #PAGE_SIZE} events), for when Logs Insights is not allowed or not available. A sample, not the whole
 * window: the profile says so ({@code LOG_SAMPLE}).
 */
final class ReportLineSampler {

    static final int PAGE_SIZE = 100;
    static final int MAX_PAGES = 2;
    static final String FILTER = "\"REPORT RequestId\"";
    private static final Pattern MAX_USED = Pattern.compile("Max Memory Used: (\\d+) MB");
    private static final Pattern SIZE = Pattern.compile("Memory Size: (\\d+) MB");

    private final CloudWatchLogsClient logs;

    ReportLineSampler(CloudWatchLogsClient logs) {
        this.logs = logs;
    }

    Optional<ReportStats> sample(String logGroup, MetricWindow window) {
        int maxUsed = 0;
        Integer size = null;
        long reports = 0;
        String token = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            String pageToken = token;
            FilterLogEventsResponse response = logs.filterLogEvents(b -> b.logGroupName(logGroup).filterPattern(FILTER)
                    .startTime(window.start().toEpochMilli()).endTime(window.end().toEpochMilli())
                    .limit(PAGE_SIZE).nextToken(pageToken));
            for (FilteredLogEvent event : response.events()) {
                Matcher used = MAX_USED.matcher(event.message());
                if (used.find()) {
                    reports++;
                    maxUsed = Math.max(maxUsed, Integer.parseInt(used.group(1)));
                    Matcher memory = SIZE.matcher(event.message());
                    if (memory.find()) {
                        size = Integer.parseInt(memory.group(1));
                    }
                }
            }
            token = response.nextToken();
            if (token == null || reports >= PAGE_SIZE) {
                break;
            }
        }
        return reports == 0 ? Optional.empty() : Optional.of(new ReportStats(maxUsed, size, reports));
    }
}
