package io.fleetopt.collector.aws;

import java.util.Map;

/**
 * A function of the simulated account, with the traffic its metrics and logs will show.
 *
 * @param invocationsPerDay 0 for an idle function (no data points at all)
 * @param daysOfData        how many of the most recent days have data
 * @param asyncShare        share of invocations that are asynchronous (AsyncEventsReceived)
 * @param provisioned       provisioned concurrency on an alias, 0 for none
 * @param reserved          reserved concurrency, null for none
 * @param insightsLayer     whether the function publishes Lambda Insights metrics (through its layer, unless imagePackaged)
 * @param onFailure         the async on-failure destination, or null
 * @param peakDay           the day of the 14-day window (1..14) whose one REPORT line reaches maxMemoryUsedMb, the
 *                          other days peaking at 60 % of it; 0: every day reaches it once
 * @param imagePackaged     a container image: no layers listed, Lambda Insights (if any) built into the image
 */
public record SimulatedFunction(
        String name,
        int memoryMb,
        int maxMemoryUsedMb,
        long invocationsPerDay,
        int daysOfData,
        double asyncShare,
        int provisioned,
        Integer reserved,
        boolean insightsLayer,
        String onFailure,
        String customLogGroup,
        long logStoredBytes,
        Map<String, String> tags,
        int peakDay,
        boolean imagePackaged) {

    static final String ACCOUNT = "123456789012";
    static final String REGION = "us-east-1";

    String arn() {
        return "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:" + name;
    }

    String logGroup() {
        return customLogGroup != null ? customLogGroup : "/aws/lambda/" + name;
    }

    double durationAvgMs() {
        return 40 + (name.hashCode() & 0xff);
    }

    /** What the REPORT lines bill on average: the duration plus its share of cold starts' INIT. */
    double billedDurationAvgMs() {
        return durationAvgMs() + 20;
    }

    public static SimulatedFunction busy(String name, int memoryMb, int maxMemoryUsedMb, long invocationsPerDay) {
        return new SimulatedFunction(name, memoryMb, maxMemoryUsedMb, invocationsPerDay, 400, 0, 0, null, false, null,
                null, 5_000_000L, Map.of(), 0, false);
    }

    public SimulatedFunction withTags(Map<String, String> newTags) {
        return new SimulatedFunction(name, memoryMb, maxMemoryUsedMb, invocationsPerDay, daysOfData, asyncShare, provisioned,
                reserved, insightsLayer, onFailure, customLogGroup, logStoredBytes, newTags, peakDay, imagePackaged);
    }

    public SimulatedFunction withAsync(double share, String destination) {
        return new SimulatedFunction(name, memoryMb, maxMemoryUsedMb, invocationsPerDay, daysOfData, share, provisioned,
                reserved, insightsLayer, destination, customLogGroup, logStoredBytes, tags, peakDay, imagePackaged);
    }

    public SimulatedFunction withProvisioned(int count) {
        return new SimulatedFunction(name, memoryMb, maxMemoryUsedMb, invocationsPerDay, daysOfData, asyncShare, count,
                reserved, insightsLayer, onFailure, customLogGroup, logStoredBytes, tags, peakDay, imagePackaged);
    }

    public SimulatedFunction withReserved(Integer count) {
        return new SimulatedFunction(name, memoryMb, maxMemoryUsedMb, invocationsPerDay, daysOfData, asyncShare, provisioned,
                count, insightsLayer, onFailure, customLogGroup, logStoredBytes, tags, peakDay, imagePackaged);
    }

    public SimulatedFunction withInsightsLayer() {
        return new SimulatedFunction(name, memoryMb, maxMemoryUsedMb, invocationsPerDay, daysOfData, asyncShare, provisioned,
                reserved, true, onFailure, customLogGroup, logStoredBytes, tags, peakDay, imagePackaged);
    }

    public SimulatedFunction withDaysOfData(int days) {
        return new SimulatedFunction(name, memoryMb, maxMemoryUsedMb, invocationsPerDay, days, asyncShare, provisioned,
                reserved, insightsLayer, onFailure, customLogGroup, logStoredBytes, tags, peakDay, imagePackaged);
    }

    public SimulatedFunction withCustomLogGroup(String group) {
        return new SimulatedFunction(name, memoryMb, maxMemoryUsedMb, invocationsPerDay, daysOfData, asyncShare, provisioned,
                reserved, insightsLayer, onFailure, group, logStoredBytes, tags, peakDay, imagePackaged);
    }

    public SimulatedFunction withPeakOnDay(int day) {
        return new SimulatedFunction(name, memoryMb, maxMemoryUsedMb, invocationsPerDay, daysOfData, asyncShare, provisioned,
                reserved, insightsLayer, onFailure, customLogGroup, logStoredBytes, tags, day, imagePackaged);
    }

    /** A container image that publishes Lambda Insights from inside the image: no layer to recognise it by. */
    public SimulatedFunction withInsightsInImage() {
        return new SimulatedFunction(name, memoryMb, maxMemoryUsedMb, invocationsPerDay, daysOfData, asyncShare, provisioned,
                reserved, true, onFailure, customLogGroup, logStoredBytes, tags, peakDay, true);
    }

    public SimulatedFunction withLogStoredBytes(long bytes) {
        return new SimulatedFunction(name, memoryMb, maxMemoryUsedMb, invocationsPerDay, daysOfData, asyncShare, provisioned,
                reserved, insightsLayer, onFailure, customLogGroup, bytes, tags, peakDay, imagePackaged);
    }
}
