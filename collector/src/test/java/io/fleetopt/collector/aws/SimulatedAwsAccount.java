package io.fleetopt.collector.aws;

import com.github.tomakehurst.wiremock.common.ContentTypes;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition;

/**
 * A simulated AWS account behind WireMock, answering in each service's real wire protocol as SDK 2.40 speaks it:
 * Lambda (REST-JSON), CloudWatch (Query protocol, form-encoded requests and XML answers), CloudWatch Logs and the
 * Resource Groups Tagging API (JSON 1.1, dispatched on X-Amz-Target). Its answers are generated from the
 * simulated fleet; faults are added in the tests as WireMock stubs of higher priority. It also takes the writes the
 * applier and the guard alarms make, in their real shapes (UpdateFunctionConfiguration with its RevisionId
 * precondition, Put/DeleteFunctionConcurrency, Put/DeleteRetentionPolicy, PutMetricAlarm), and answers later reads
 * with what they changed.
 */
public final class SimulatedAwsAccount implements ResponseDefinitionTransformerV2 {

    /** A function's settings as the applier changes them, for tests to compare before and after. */
    public record FunctionState(int memoryMb, int timeoutSeconds, String tracing, Integer reservedConcurrency, Integer retentionDays) {
    }

    static final String NAME = "simulated-aws";
    static final int ACCOUNT_LIMIT = 1000;
    static final long MAX_DATA_POINTS = 100_800;
    static final int PAGE_EVENTS = 5_000;
    static final int WINDOW_DAYS = 14;
    static final int MAX_REPORT_LINES_PER_DAY = 3_000;
    static final int LIST_METRICS_PAGE = 500;

    private final List<SimulatedFunction> fleet;
    private final Map<String, SimulatedFunction> byName = new HashMap<>();
    private final Map<String, SimulatedFunction> byLogGroup = new HashMap<>();
    private final Map<String, LiveFunction> live = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> alarms = new java.util.concurrent.ConcurrentSkipListMap<>();
    private final Map<String, List<String>> queries = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> polls = new ConcurrentHashMap<>();
    private final AtomicInteger queryIds = new AtomicInteger();
    private final AtomicInteger filterLogEventsCalls = new AtomicInteger();
    /** The share of a function's invocations that goes through a qualifier, by {@code Resource} ({@code name:alias}). */
    private final Map<String, Double> resourceShares = new ConcurrentHashMap<>();
    private final int pollsWhileRunning;
    private final int accountLimit;

    SimulatedAwsAccount(List<SimulatedFunction> fleet, int pollsWhileRunning) {
        this(fleet, pollsWhileRunning, 0);
    }

    /**
     * {@code accountLimit} 0 means the default of 1,000, raised where the fleet's reservations need it: Lambda keeps at
     * least 100 concurrency unreserved, so no real account reserves more than its limit minus 100.
     */
    SimulatedAwsAccount(List<SimulatedFunction> fleet, int pollsWhileRunning, int accountLimit) {
        this.fleet = fleet;
        this.pollsWhileRunning = pollsWhileRunning;
        int reserved = fleet.stream().mapToInt(f -> f.reserved() == null ? 0 : f.reserved()).sum();
        this.accountLimit = Math.max(accountLimit == 0 ? ACCOUNT_LIMIT : accountLimit, reserved + 100);
        fleet.forEach(f -> byName.put(f.name(), f));
        fleet.forEach(f -> byName.put(f.arn(), f));
        fleet.forEach(f -> live.put(f.name(), new LiveFunction(f)));
        fleet.forEach(f -> byLogGroup.putIfAbsent(f.logGroup(), f));
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        Request request = event.getRequest();
        String target = request.getHeader("X-Amz-Target");
        if (target != null && target.startsWith("Logs_20140328.")) {
            return logs(target.substring(target.indexOf('.') + 1), Json.object(request.getBodyAsString()));
        }
        if (target != null && target.startsWith("ResourceGroupsTaggingAPI_20170126.")) {
            return getResources(Json.object(request.getBodyAsString()));
        }
        String path = URI.create(request.getUrl()).getRawPath();
        if (request.getMethod().getName().equals("POST") && path.equals("/")) {
            return cloudWatch(form(request.getBodyAsString()));
        }
        return lambda(path, request);
    }

    // ---- Lambda, REST-JSON ----

    private ResponseDefinition lambda(String path, Request request) {
        String[] parts = path.split("/");
        String method = request.getMethod().getName();
        if (path.startsWith("/2017-03-31/tags/")) {
            SimulatedFunction tagged = byName.get(URLDecoder.decode(parts[3], StandardCharsets.UTF_8));
            return tagged == null ? lambdaError(404, "ResourceNotFoundException", "Function not found: " + path)
                    : json(200, map("Tags", tagged.tags()));
        }
        if (path.startsWith("/2015-03-31/functions") && parts.length <= 3) {
            return listFunctions(request.queryParameter("Marker").isPresent() ? request.queryParameter("Marker").firstValue() : null,
                    request.queryParameter("MaxItems").isPresent() ? Integer.parseInt(request.queryParameter("MaxItems").firstValue()) : 50);
        }
        if (path.startsWith("/2016-08-19/account-settings")) {
            int reserved = fleet.stream().mapToInt(f -> f.reserved() == null ? 0 : f.reserved()).sum();
            return json(200, map("AccountLimit", map("TotalCodeSize", 80_530_636_800L, "CodeSizeUnzipped", 262_144_000L,
                            "CodeSizeZipped", 52_428_800L, "ConcurrentExecutions", accountLimit,
                            "UnreservedConcurrentExecutions", accountLimit - reserved),
                    "AccountUsage", map("TotalCodeSize", 1_000_000L, "FunctionCount", (long) fleet.size())));
        }
        SimulatedFunction function = parts.length > 3 ? byName.get(URLDecoder.decode(parts[3], StandardCharsets.UTF_8)) : null;
        if (function == null) {
            return lambdaError(404, "ResourceNotFoundException", "Function not found: " + path);
        }
        if (path.endsWith("/aliases") && method.equals("GET")) {
            return json(200, map("Aliases", List.of()));
        }
        if (path.endsWith("/versions") && method.equals("GET")) {
            return json(200, map("Versions", List.of(configuration(function, null))));
        }
        if (path.endsWith("/provisioned-concurrency")) {
            List<Object> configs = new ArrayList<>();
            if (function.provisioned() > 0) {
                configs.add(map("FunctionArn", function.arn() + ":live", "RequestedProvisionedConcurrentExecutions", function.provisioned(),
                        "AvailableProvisionedConcurrentExecutions", function.provisioned(),
                        "AllocatedProvisionedConcurrentExecutions", function.provisioned(), "Status", "READY",
                        "LastModified", "2026-10-01T10:00:00.000+0000"));
            }
            return json(200, map("ProvisionedConcurrencyConfigs", configs));
        }
        if (path.endsWith("/event-invoke-config")) {
            if (function.onFailure() == null) {
                return lambdaError(404, "ResourceNotFoundException", "The function " + function.arn() + " doesn't have an EventInvokeConfig");
            }
            return json(200, map("LastModified", 1_790_000_000.0, "FunctionArn", function.arn() + ":$LATEST",
                    "MaximumRetryAttempts", 2, "MaximumEventAgeInSeconds", 21600,
                    "DestinationConfig", map("OnSuccess", map(), "OnFailure", map("Destination", function.onFailure()))));
        }
        LiveFunction state = live.get(function.name());
        if (path.endsWith("/concurrency")) {
            switch (method) {
                case "PUT" -> state.reserve(((Number) Json.object(request.getBodyAsString()).get("ReservedConcurrentExecutions")).intValue());
                case "DELETE" -> {
                    state.reserve(null);
                    return responseDefinition().withStatus(204).withHeader("x-amzn-RequestId", "req-1").build();
                }
                default -> { }
            }
            return json(200, state.reserved() == null ? map() : map("ReservedConcurrentExecutions", state.reserved()));
        }
        if (path.endsWith("/configuration") && method.equals("PUT")) {
            Map<String, Object> body = Json.object(request.getBodyAsString());
            if (body.get("RevisionId") != null && !body.get("RevisionId").equals(state.revisionId())) {
                return lambdaError(412, "PreconditionFailedException", "The Revision Id provided does not match the latest Revision Id. "
                        + "Call the GetFunction/GetAlias API to retrieve the latest Revision Id");
            }
            @SuppressWarnings("unchecked") Map<String, Object> tracing = (Map<String, Object>) body.get("TracingConfig");
            state.update(body.get("MemorySize") == null ? null : ((Number) body.get("MemorySize")).intValue(),
                    body.get("Timeout") == null ? null : ((Number) body.get("Timeout")).intValue(),
                    tracing == null ? null : (String) tracing.get("Mode"));
            return json(200, configuration(function, "InProgress"));
        }
        if (path.endsWith("/configuration")) {
            return json(200, configuration(function, state.lastUpdateStatus()));
        }
        if (parts.length == 4 && method.equals("GET")) {
            return json(200, map("Configuration", configuration(function, "Successful"),
                    "Code", map("RepositoryType", "S3", "Location", "https://awslambda-us-east-1-tasks.s3.us-east-1.amazonaws.com/snapshots/"
                            + function.name()), "Tags", function.tags(),
                    "Concurrency", state.reserved() == null ? null : map("ReservedConcurrentExecutions", state.reserved())));
        }
        return lambdaError(400, "InvalidParameterValueException", "unexpected " + method + " " + path);
    }

    private ResponseDefinition listFunctions(String marker, int maxItems) {
        int from = marker == null ? 0 : Integer.parseInt(marker);
        int to = Math.min(fleet.size(), from + Math.min(maxItems, 50));
        List<Object> functions = new ArrayList<>();
        for (SimulatedFunction f : fleet.subList(from, to)) {
            functions.add(configuration(f, null));
        }
        return json(200, map("Functions", functions, "NextMarker", to < fleet.size() ? String.valueOf(to) : null));
    }

    /** A FunctionConfiguration as Lambda answers it, with the live settings; {@code lastUpdateStatus} null leaves it out. */
    private Map<String, Object> configuration(SimulatedFunction f, String lastUpdateStatus) {
        LiveFunction state = live.get(f.name());
        return map("FunctionName", f.name(), "FunctionArn", f.arn(), "Runtime", f.imagePackaged() ? null : "python3.12",
                "Role", "arn:aws:iam::123456789012:role/" + f.name(), "Handler", "app.handler", "CodeSize", 4096L,
                "Description", "", "Timeout", state.timeoutSeconds(), "MemorySize", state.memoryMb(),
                "LastModified", "2026-10-01T10:00:00.000+0000",
                "CodeSha256", "c2ltdWxhdGVk", "Version", "$LATEST", "TracingConfig", map("Mode", state.tracing()),
                "RevisionId", state.revisionId(), "PackageType", f.imagePackaged() ? "Image" : "Zip", "Architectures", List.of("x86_64"),
                "EphemeralStorage", map("Size", 512),
                "LoggingConfig", map("LogFormat", "Text", "LogGroup", f.logGroup()),
                "Layers", f.insightsLayer() && !f.imagePackaged() ? List.of(map("Arn",
                        "arn:aws:lambda:us-east-1:580247275435:layer:LambdaInsightsExtension:53", "CodeSize", 1000L)) : null,
                "State", lastUpdateStatus == null ? null : "Active", "LastUpdateStatus", lastUpdateStatus,
                "DeadLetterConfig", null);
    }

    /**
     * Sends {@code share} of the function's invocations through {@code resource} ({@code name:alias}): its Invocations
     * by the Resource dimension, and ListMetrics lists it. The aliases themselves are answered by stubs of the test.
     */
    public void routeThrough(String resource, double share) {
        resourceShares.put(resource, share);
    }

    /** Every function's settings now, by name. */
    public Map<String, FunctionState> state() {
        Map<String, FunctionState> out = new TreeMap<>();
        live.forEach((name, f) -> out.put(name, f.state()));
        return out;
    }

    /** The CloudWatch alarms put in the account, by name, with the form fields PutMetricAlarm sent. */
    public Map<String, Map<String, String>> alarms() {
        return Map.copyOf(alarms);
    }

    private static ResponseDefinition lambdaError(int status, String type, String message) {
        return responseDefinition().withStatus(status).withHeader(ContentTypes.CONTENT_TYPE, "application/json")
                .withHeader("x-amzn-ErrorType", type).withBody(Json.write(map("Type", "User", "message", message))).build();
    }

    // ---- Resource Groups Tagging API, JSON 1.1 ----

    private ResponseDefinition getResources(Map<String, Object> body) {
        String token = (String) body.get("PaginationToken");
        int perPage = body.get("ResourcesPerPage") == null ? 50 : ((Number) body.get("ResourcesPerPage")).intValue();
        List<SimulatedFunction> tagged = fleet.stream().filter(f -> !f.tags().isEmpty()).toList();
        int from = token == null || token.isEmpty() ? 0 : Integer.parseInt(token);
        int to = Math.min(tagged.size(), from + perPage);
        List<Object> mappings = new ArrayList<>();
        for (SimulatedFunction f : tagged.subList(from, to)) {
            List<Object> tags = new ArrayList<>();
            new TreeMap<>(f.tags()).forEach((k, v) -> tags.add(map("Key", k, "Value", v)));
            mappings.add(map("ResourceARN", f.arn(), "Tags", tags));
        }
        return awsJson(map("PaginationToken", to < tagged.size() ? String.valueOf(to) : "", "ResourceTagMappingList", mappings));
    }

    // ---- CloudWatch Logs, JSON 1.1 ----

    private ResponseDefinition logs(String operation, Map<String, Object> body) {
        return switch (operation) {
            case "DescribeLogGroups" -> describeLogGroups((String) body.get("logGroupNamePrefix"), (String) body.get("nextToken"),
                    body.get("limit") == null ? 50 : ((Number) body.get("limit")).intValue());
            case "StartQuery" -> {
                String id = "query-" + queryIds.incrementAndGet();
                @SuppressWarnings("unchecked") List<String> groups = (List<String>) body.get("logGroupNames");
                queries.put(id, groups);
                polls.put(id, new AtomicInteger());
                yield awsJson(map("queryId", id));
            }
            case "GetQueryResults" -> getQueryResults((String) body.get("queryId"));
            case "PutRetentionPolicy", "DeleteRetentionPolicy" -> {
                SimulatedFunction f = byLogGroup.get((String) body.get("logGroupName"));
                if (f == null) {
                    yield awsJsonError("ResourceNotFoundException", "The specified log group does not exist.");
                }
                live.get(f.name()).retain(operation.equals("PutRetentionPolicy") ? ((Number) body.get("retentionInDays")).intValue() : null);
                yield awsJson(map());
            }
            case "FilterLogEvents" -> filterLogEvents((String) body.get("logGroupName"), ((Number) body.get("startTime")).longValue(),
                    ((Number) body.get("endTime")).longValue(), body.get("limit") == null ? PAGE_EVENTS : ((Number) body.get("limit")).intValue(),
                    (String) body.get("nextToken"));
            default -> awsJsonError("InvalidOperationException", "not simulated: " + operation);
        };
    }

    private ResponseDefinition describeLogGroups(String prefix, String token, int limit) {
        TreeMap<String, SimulatedFunction> groups = new TreeMap<>();
        fleet.stream().filter(f -> f.logStoredBytes() > 0 && f.logGroup().startsWith(prefix == null ? "" : prefix))
                .forEach(f -> groups.put(f.logGroup(), f));
        List<String> names = new ArrayList<>(groups.keySet());
        int from = token == null ? 0 : Integer.parseInt(token);
        int to = Math.min(names.size(), from + limit);
        List<Object> page = new ArrayList<>();
        for (String name : names.subList(from, to)) {
            page.add(map("logGroupName", name, "creationTime", 1_760_000_000_000L,
                    "retentionInDays", live.get(groups.get(name).name()).retentionDays(),
                    "metricFilterCount", 0, "arn", "arn:aws:logs:us-east-1:123456789012:log-group:" + name + ":*",
                    "storedBytes", groups.get(name).logStoredBytes(), "logGroupClass", "STANDARD"));
        }
        return awsJson(map("logGroups", page, "nextToken", to < names.size() ? String.valueOf(to) : null));
    }

    private ResponseDefinition getQueryResults(String queryId) {
        List<String> groups = queries.get(queryId);
        if (groups == null) {
            return awsJsonError("ResourceNotFoundException", "unknown query " + queryId);
        }
        if (polls.get(queryId).getAndIncrement() < pollsWhileRunning) {
            return awsJson(map("status", "Running", "results", List.of(),
                    "statistics", map("recordsMatched", 0.0, "recordsScanned", 0.0, "bytesScanned", 0.0)));
        }
        List<Object> rows = new ArrayList<>();
        double scanned = 0;
        for (String group : groups) {
            SimulatedFunction f = byLogGroup.get(group);
            if (f == null || f.invocationsPerDay() == 0) {
                continue;
            }
            scanned += f.logStoredBytes() * 14.0 / 30; // the window's share of a 30-day retention
            rows.add(List.of(map("field", "@log", "value", SimulatedFunction.ACCOUNT + ":" + group),
                    map("field", "maxMemoryUsedBytes", "value", String.valueOf(f.maxMemoryUsedMb() * 1_000_000L)),
                    map("field", "memorySizeBytes", "value", String.valueOf(f.memoryMb() * 1_000_000L)),
                    map("field", "reports", "value", String.valueOf(f.invocationsPerDay() * Math.min(14, f.daysOfData()))),
                    map("field", "billedDurationAvgMs", "value", String.valueOf(f.billedDurationAvgMs()))));
        }
        return awsJson(map("status", "Complete", "results", rows,
                "statistics", map("recordsMatched", (double) rows.size(), "recordsScanned", scanned / 200, "bytesScanned", scanned)));
    }

    /**
     * The function's REPORT lines between start and end (epoch ms), oldest first, as FilterLogEvents pages them: at most
     * {@code limit} events (and {@link #PAGE_EVENTS}, about 1 MB) a page, then a nextToken. Each day with data has
     * {@link #reportLinesPerDay} lines spread evenly over the day; the most memory used is reached once a day, at the
     * line two thirds into it, or only on the function's peak day (other days peak at 60 %).
     */
    private ResponseDefinition filterLogEvents(String group, long startMs, long endMs, int limit, String token) {
        filterLogEventsCalls.incrementAndGet();
        SimulatedFunction f = byLogGroup.get(group);
        if (f == null) {
            return awsJsonError("ResourceNotFoundException", "The specified log group does not exist.");
        }
        int skip = token == null ? 0 : Integer.parseInt(token);
        int pageSize = Math.min(limit, PAGE_EVENTS);
        List<Object> events = new ArrayList<>();
        int seen = 0;
        boolean more = false;
        LocalDate windowEnd = LocalDate.now(ZoneOffset.UTC);
        int perDay = reportLinesPerDay(f);
        for (LocalDate day = windowEnd.minusDays(WINDOW_DAYS); day.isBefore(windowEnd) && !more; day = day.plusDays(1)) {
            if (f.invocationsPerDay() == 0 || day.isBefore(windowEnd.minusDays(f.daysOfData()))) {
                continue;
            }
            long dayStart = day.atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
            int dayOfWindow = (int) java.time.temporal.ChronoUnit.DAYS.between(windowEnd.minusDays(WINDOW_DAYS), day) + 1;
            for (int i = 0; i < perDay; i++) {
                long at = dayStart + (long) ((i + 0.5) * 86_400_000L / perDay);
                if (at < startMs || at >= endMs) {
                    continue;
                }
                if (seen++ < skip) {
                    continue;
                }
                if (events.size() == pageSize) {
                    more = true;
                    break;
                }
                events.add(map("logStreamName", day + "/[$LATEST]0123456789abcdef", "timestamp", at,
                        "message", "REPORT RequestId: 6f7f0961-0000-4000-8000-" + String.format("%012d", i) + "\tDuration: 12.34 ms\t"
                                + "Billed Duration: " + Math.round(f.billedDurationAvgMs()) + " ms\tMemory Size: " + f.memoryMb() + " MB\tMax Memory Used: "
                                + usedMb(f, dayOfWindow, i, perDay) + " MB\t\n",
                        "ingestionTime", at + 100, "eventId", day + "-" + i));
            }
        }
        return awsJson(map("events", events, "searchedLogStreams", List.of(),
                "nextToken", more ? String.valueOf(skip + events.size()) : null));
    }

    /** How many REPORT lines a day of the function's logs holds: its invocations, capped to keep the simulation small. */
    static int reportLinesPerDay(SimulatedFunction f) {
        return (int) Math.min(f.invocationsPerDay(), MAX_REPORT_LINES_PER_DAY);
    }

    /** Memory used by line {@code i} of day {@code dayOfWindow}: the true maximum once, at the peak. */
    static int usedMb(SimulatedFunction f, int dayOfWindow, int i, int perDay) {
        boolean peakLine = i == perDay * 2 / 3;
        boolean peakDay = f.peakDay() == 0 || f.peakDay() == dayOfWindow;
        if (peakLine && peakDay) {
            return f.maxMemoryUsedMb();
        }
        return Math.max(1, (int) (f.maxMemoryUsedMb() * (0.5 + 0.1 * ((i * 7919L) % 10) / 10.0)));
    }

    int filterLogEventsCalls() {
        return filterLogEventsCalls.get();
    }

    private static ResponseDefinition awsJson(Object body) {
        return responseDefinition().withStatus(200).withHeader(ContentTypes.CONTENT_TYPE, "application/x-amz-json-1.1")
                .withHeader("x-amzn-RequestId", "req-1").withBody(Json.write(body)).build();
    }

    static ResponseDefinition awsJsonError(String type, String message) {
        return responseDefinition().withStatus(400).withHeader(ContentTypes.CONTENT_TYPE, "application/x-amz-json-1.1")
                .withBody(Json.write(map("__type", type, "message", message))).build();
    }

    // ---- CloudWatch, Query protocol (form in, XML out) ----

    private ResponseDefinition cloudWatch(Map<String, String> form) {
        if ("ListMetrics".equals(form.get("Action"))) {
            if ("Resource".equals(form.get("Dimensions.member.1.Name"))) {
                return listQualifiedMetrics(form.get("MetricName"));
            }
            return listMetrics(form.get("Namespace"), form.get("MetricName"), form.get("NextToken"));
        }
        if ("PutMetricAlarm".equals(form.get("Action"))) {
            alarms.put(form.get("AlarmName"), Map.copyOf(form));
            return cloudWatchOk("PutMetricAlarm", "");
        }
        if ("TagResource".equals(form.get("Action"))) {
            return cloudWatchOk("TagResource", "<TagResourceResult/>");
        }
        if ("DescribeAlarms".equals(form.get("Action"))) {
            return describeAlarms(form.get("AlarmNamePrefix") == null ? "" : form.get("AlarmNamePrefix"));
        }
        if (!"GetMetricData".equals(form.get("Action"))) {
            return responseDefinition().withStatus(400).withBody("unexpected " + form.get("Action")).build();
        }
        LocalDate first = LocalDate.ofInstant(Instant.parse(form.get("StartTime")), ZoneOffset.UTC);
        LocalDate end = LocalDate.ofInstant(Instant.parse(form.get("EndTime")), ZoneOffset.UTC);
        StringBuilder xml = new StringBuilder("<GetMetricDataResponse xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\">"
                + "<GetMetricDataResult><MetricDataResults>");
        int queryCount = 0;
        while (form.containsKey("MetricDataQueries.member." + (queryCount + 1) + ".Id")) {
            queryCount++;
        }
        // CloudWatch answers at most 100,800 data points a call; the rest comes with NextToken
        long days = java.time.temporal.ChronoUnit.DAYS.between(first, end);
        int perPage = (int) Math.max(1, MAX_DATA_POINTS / Math.max(1, days));
        int from = form.containsKey("NextToken") ? Integer.parseInt(form.get("NextToken")) : 0;
        int to = Math.min(queryCount, from + perPage);
        for (int i = from + 1; i <= to; i++) {
            String at = "MetricDataQueries.member." + i + ".";
            String id = form.get(at + "Id");
            String metric = form.get(at + "MetricStat.Metric.MetricName");
            String stat = form.get(at + "MetricStat.Stat");
            SimulatedFunction f = byName.get(form.get(at + "MetricStat.Metric.Dimensions.member.1.Value"));
            xml.append("<member><Id>").append(id).append("</Id><Label>").append(metric).append("</Label><Timestamps>");
            StringBuilder values = new StringBuilder();
            for (LocalDate day = end.minusDays(1); !day.isBefore(first); day = day.minusDays(1)) {
                String resource = "Resource".equals(form.get(at + "MetricStat.Metric.Dimensions.member.2.Name"))
                        ? form.get(at + "MetricStat.Metric.Dimensions.member.2.Value") : null;
                Double share = resource == null ? Double.valueOf(1.0) : resourceShares.get(resource);
                Double value = f == null || share == null ? null : value(f, metric, stat, day, end);
                if (value != null && resource != null) {
                    value = Math.floor(value * share);
                }
                if (value != null) {
                    xml.append("<member>").append(day.atStartOfDay().toInstant(ZoneOffset.UTC)).append("</member>");
                    values.append("<member>").append(value).append("</member>");
                }
            }
            xml.append("</Timestamps><Values>").append(values).append("</Values><StatusCode>Complete</StatusCode></member>");
        }
        xml.append("</MetricDataResults><Messages/>").append(to < queryCount ? "<NextToken>" + to + "</NextToken>" : "")
                .append("</GetMetricDataResult>"
                + "<ResponseMetadata><RequestId>00000000-0000-4000-8000-000000000001</RequestId></ResponseMetadata>"
                + "</GetMetricDataResponse>");
        return responseDefinition().withStatus(200).withHeader(ContentTypes.CONTENT_TYPE, "text/xml").withBody(xml.toString()).build();
    }

    /** The qualifiers with Invocations (FunctionName + Resource dimensions), on one page. */
    private ResponseDefinition listQualifiedMetrics(String metricName) {
        StringBuilder xml = new StringBuilder("<ListMetricsResponse xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\">"
                + "<ListMetricsResult><Metrics>");
        new TreeMap<>(resourceShares).forEach((resource, share) -> xml.append("<member><Namespace>AWS/Lambda</Namespace><MetricName>")
                .append(metricName).append("</MetricName><Dimensions><member><Name>FunctionName</Name><Value>")
                .append(resource, 0, resource.indexOf(':')).append("</Value></member><member><Name>Resource</Name><Value>")
                .append(resource).append("</Value></member></Dimensions></member>"));
        xml.append("</Metrics></ListMetricsResult><ResponseMetadata><RequestId>00000000-0000-4000-8000-000000000005</RequestId>"
                + "</ResponseMetadata></ListMetricsResponse>");
        return responseDefinition().withStatus(200).withHeader(ContentTypes.CONTENT_TYPE, "text/xml").withBody(xml.toString()).build();
    }

    /** The functions that published the metric in the last two weeks, 500 a page as CloudWatch answers. */
    private ResponseDefinition listMetrics(String namespace, String metricName, String token) {
        String dimension = "LambdaInsights".equals(namespace) ? "function_name" : "FunctionName";
        List<SimulatedFunction> publishing = fleet.stream().filter(f -> f.invocationsPerDay() > 0 && switch (metricName) {
            case "used_memory_max", "cpu_total_time" -> "LambdaInsights".equals(namespace) && f.insightsLayer();
            case "AsyncEventsReceived" -> f.asyncShare() > 0;
            case "ProvisionedConcurrencyUtilization" -> f.provisioned() > 0;
            default -> false;
        }).toList();
        int from = token == null ? 0 : Integer.parseInt(token);
        int to = Math.min(publishing.size(), from + LIST_METRICS_PAGE);
        StringBuilder xml = new StringBuilder("<ListMetricsResponse xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\">"
                + "<ListMetricsResult><Metrics>");
        for (SimulatedFunction f : publishing.subList(from, to)) {
            xml.append("<member><Namespace>").append(namespace).append("</Namespace><MetricName>").append(metricName)
                    .append("</MetricName><Dimensions><member><Name>").append(dimension).append("</Name><Value>")
                    .append(f.name()).append("</Value></member></Dimensions></member>");
        }
        xml.append("</Metrics>").append(to < publishing.size() ? "<NextToken>" + to + "</NextToken>" : "")
                .append("</ListMetricsResult><ResponseMetadata><RequestId>00000000-0000-4000-8000-000000000003</RequestId>"
                        + "</ResponseMetadata></ListMetricsResponse>");
        return responseDefinition().withStatus(200).withHeader(ContentTypes.CONTENT_TYPE, "text/xml").withBody(xml.toString()).build();
    }

    private ResponseDefinition describeAlarms(String prefix) {
        StringBuilder xml = new StringBuilder("<DescribeAlarmsResult><MetricAlarms>");
        alarms.forEach((name, form) -> {
            if (!name.startsWith(prefix)) {
                return;
            }
            xml.append("<member><AlarmName>").append(name).append("</AlarmName><AlarmArn>arn:aws:cloudwatch:us-east-1:")
                    .append(SimulatedFunction.ACCOUNT).append(":alarm:").append(name).append("</AlarmArn><AlarmDescription>")
                    .append(xmlText(form.getOrDefault("AlarmDescription", ""))).append("</AlarmDescription><ActionsEnabled>")
                    .append(form.getOrDefault("ActionsEnabled", "true")).append("</ActionsEnabled><AlarmActions>")
                    .append(form.containsKey("AlarmActions.member.1") ? "<member>" + form.get("AlarmActions.member.1") + "</member>" : "")
                    .append("</AlarmActions><StateValue>OK</StateValue><MetricName>").append(form.get("MetricName"))
                    .append("</MetricName><Namespace>").append(form.get("Namespace")).append("</Namespace><Statistic>")
                    .append(form.get("Statistic")).append("</Statistic><Dimensions><member><Name>")
                    .append(form.get("Dimensions.member.1.Name")).append("</Name><Value>").append(form.get("Dimensions.member.1.Value"))
                    .append("</Value></member></Dimensions><Period>").append(form.get("Period")).append("</Period><EvaluationPeriods>")
                    .append(form.get("EvaluationPeriods")).append("</EvaluationPeriods><Threshold>").append(form.get("Threshold"))
                    .append("</Threshold><ComparisonOperator>").append(form.get("ComparisonOperator"))
                    .append("</ComparisonOperator><TreatMissingData>").append(form.get("TreatMissingData"))
                    .append("</TreatMissingData></member>");
        });
        xml.append("</MetricAlarms><CompositeAlarms/></DescribeAlarmsResult>");
        return cloudWatchOk("DescribeAlarms", xml.toString());
    }

    private static String xmlText(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static ResponseDefinition cloudWatchOk(String action, String result) {
        return responseDefinition().withStatus(200).withHeader(ContentTypes.CONTENT_TYPE, "text/xml")
                .withBody("<" + action + "Response xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\">" + result
                        + "<ResponseMetadata><RequestId>00000000-0000-4000-8000-000000000004</RequestId></ResponseMetadata></"
                        + action + "Response>").build();
    }

    static ResponseDefinition cloudWatchError(int status, String code, String message) {
        return responseDefinition().withStatus(status).withHeader(ContentTypes.CONTENT_TYPE, "text/xml")
                .withBody("<ErrorResponse xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\"><Error><Type>Sender</Type>"
                        + "<Code>" + code + "</Code><Message>" + message + "</Message></Error>"
                        + "<RequestId>00000000-0000-4000-8000-000000000002</RequestId></ErrorResponse>").build();
    }

    /** The simulated daily value, or null where CloudWatch has no data point. */
    private static Double value(SimulatedFunction f, String metric, String stat, LocalDate day, LocalDate end) {
        if (f.invocationsPerDay() == 0 || day.isBefore(end.minusDays(f.daysOfData()))) {
            return null;
        }
        double invocations = f.invocationsPerDay();
        return switch (metric) {
            case "Invocations" -> invocations;
            case "Errors" -> Math.floor(invocations / 100);
            case "Throttles" -> f.reserved() != null && f.name().hashCode() % 3 == 0 ? 5.0 : 0.0;
            case "Duration" -> switch (stat) {
                case "Average" -> f.durationAvgMs();
                case "Maximum" -> f.durationAvgMs() * 3;
                default -> f.durationAvgMs() * 2;
            };
            case "ConcurrentExecutions" -> Math.max(1, Math.ceil(invocations / 20_000));
            case "AsyncEventsReceived" -> f.asyncShare() > 0 ? invocations * f.asyncShare() : null;
            case "ProvisionedConcurrencyUtilization" -> f.provisioned() > 0 ? 0.6 : null;
            case "used_memory_max" -> f.insightsLayer() ? (double) f.maxMemoryUsedMb() : null;
            case "cpu_total_time" -> f.insightsLayer() ? f.durationAvgMs() * 0.3 : null;
            default -> null;
        };
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static ResponseDefinition json(int status, Object body) {
        return responseDefinition().withStatus(status).withHeader(ContentTypes.CONTENT_TYPE, "application/json")
                .withHeader("x-amzn-RequestId", "req-1").withBody(Json.write(body)).build();
    }

    static Map<String, Object> map(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] != null) {
                map.put((String) keyValues[i], keyValues[i + 1]);
            }
        }
        return map;
    }
}
