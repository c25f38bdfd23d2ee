package io.fleetopt.notifier.aws;

import io.fleetopt.core.port.CostHistory;
import io.fleetopt.core.port.DailyCost;
import io.fleetopt.core.port.LambdaCosts;
import io.fleetopt.core.port.FunctionCosts;
import io.fleetopt.core.model.DateRange;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.costexplorer.model.GetCostAndUsageWithResourcesRequest;
import software.amazon.awssdk.services.costexplorer.model.GetCostAndUsageWithResourcesResponse;
import software.amazon.awssdk.services.costexplorer.model.DataUnavailableException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.costexplorer.CostExplorerClient;
import software.amazon.awssdk.services.costexplorer.model.CostAllocationTagStatus;
import software.amazon.awssdk.services.costexplorer.model.DateInterval;
import software.amazon.awssdk.services.costexplorer.model.ListCostAllocationTagsResponse;
import software.amazon.awssdk.services.costexplorer.model.Dimension;
import software.amazon.awssdk.services.costexplorer.model.DimensionValues;
import software.amazon.awssdk.services.costexplorer.model.Expression;
import software.amazon.awssdk.services.costexplorer.model.GetCostAndUsageRequest;
import software.amazon.awssdk.services.costexplorer.model.GetCostAndUsageResponse;
import software.amazon.awssdk.services.costexplorer.model.Granularity;
import software.amazon.awssdk.services.costexplorer.model.Group;
import software.amazon.awssdk.services.costexplorer.model.GroupDefinition;
import software.amazon.awssdk.services.costexplorer.model.GroupDefinitionType;
import software.amazon.awssdk.services.costexplorer.model.MetricValue;
import software.amazon.awssdk.services.costexplorer.model.ResultByTime;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The account's daily Lambda cost and requests from Cost Explorer: one GetCostAndUsage query (DAILY, the
 * "AWS Lambda" service, grouped by usage type), followed page by page. A day's cost is the sum over its usage
 * types; its requests are the usage quantity of the request usage types ("Request", "USE2-Request-ARM",
 * "Lambda-Edge-Request", ...). A day may be split over two pages; days Cost Explorer has nothing for count zero.
 * Each page is a call that costs USD 0.01: a query follows at most {@link #MAX_PAGES} pages, and says how many
 * it made. Cost Explorer's DataUnavailableException (no data yet for the period) is an answer, not a failure: the
 * cost is then unavailable, with Cost Explorer's reason. Each function's own cost, for the per-function
 * cross-check, is read at the finest granularity the account has: by resource, by cost-allocation tag, or none.
 * Member accounts' Lambda cost is the same query filtered by the LINKED_ACCOUNT dimension: Cost Explorer gives an
 * organization's management (payer) account the costs of all its member accounts, and any other account only its
 * own, so deployed outside the payer account the filtered query finds nothing, and the cross-check says so rather
 * than reading a cost of $0.
 */
public final class CostExplorerCostHistory implements CostHistory, AutoCloseable {


    static final String LAMBDA_SERVICE = "AWS Lambda";
    static final String COST = "UnblendedCost";
    static final String USAGE = "UsageQuantity";
    /** The daily Lambda cost is read for the whole account, by usage type; each function's own cost is read apart. */
    public static final String SOURCE = "Cost Explorer";
    public static final String LEVEL = "account-wide AWS Lambda cost by usage type (GetCostAndUsage, daily)";
    /** A bound on the paid calls of one query (USD 0.01 each). */
    static final int MAX_PAGES = 10;
    /** The IAM actions this adapter calls. */
    public static final List<String> IAM_ACTIONS = List.of("ce:GetCostAndUsage", "ce:GetCostAndUsageWithResources",
            "ce:ListCostAllocationTags");
    /** Resource-level answers that mean "this account has no such data": not opted in, or outside its 14 days. */
    private static final java.util.Set<String> NO_RESOURCE_DATA = java.util.Set.of("DataUnavailableException", "ValidationException",
            "AccessDeniedException");
    /** Usage types of provisioned concurrency, which the per-function cross-check of on-demand cost leaves out. */
    private static final Pattern PROVISIONED_USAGE_TYPE = Pattern.compile("(?i).*Provisioned.*");
    /** A request usage type, with or without a region prefix or an architecture suffix. */
    private static final Pattern REQUEST_USAGE_TYPE = Pattern.compile("(?i)(^|.*-)Requests?(-ARM)?");

    private final CostExplorerClient costExplorer;

    public CostExplorerCostHistory(CostExplorerClient costExplorer) {
        this.costExplorer = costExplorer;
    }

    static boolean isRequestUsageType(String usageType) {
        return REQUEST_USAGE_TYPE.matcher(usageType).matches();
    }

    @Override
    public LambdaCosts dailyLambdaCost(LocalDate from, LocalDate toExclusive) {
        return dailyLambdaCost(List.of(), from, toExclusive, LEVEL);
    }

    /**
     * The Lambda cost of {@code accountIds} (LINKED_ACCOUNT filter); unavailable, saying why, when Cost Explorer shows
     * none of it at all, which is what an account that is not the organization's payer sees of other accounts.
     */
    @Override
    public LambdaCosts dailyLambdaCostOfAccounts(List<String> accountIds, LocalDate from, LocalDate toExclusive) {
        if (accountIds.isEmpty()) {
            throw new IllegalArgumentException("no member account to read the Lambda cost of");
        }
        String level = "AWS Lambda cost of linked account" + (accountIds.size() == 1 ? " " : "s ") + String.join(", ", accountIds)
                + " by usage type (GetCostAndUsage, daily, LINKED_ACCOUNT filter)";
        LambdaCosts costs = dailyLambdaCost(accountIds, from, toExclusive, level);
        boolean nothing = costs.days().stream().allMatch(d -> d.requests() == 0 && d.costUsd().signum() == 0);
        if (costs.isAvailable() && nothing && !costs.days().isEmpty()) {
            return LambdaCosts.unavailable(costs.apiCalls(), SOURCE, level, "Cost Explorer of the account fleetopt runs in shows no "
                    + "Lambda cost of account " + String.join(", ", accountIds) + " from " + from + " to " + toExclusive.minusDays(1)
                    + ": an organization's member accounts' costs are seen only from its management (payer) account");
        }
        return costs;
    }

    private LambdaCosts dailyLambdaCost(List<String> linkedAccounts, LocalDate from, LocalDate toExclusive, String level) {
        if (!from.isBefore(toExclusive)) {
            return new LambdaCosts(List.of(), 0, SOURCE, level, null);
        }
        String doing = "read the daily Lambda cost " + (linkedAccounts.isEmpty() ? "" : "of account " + String.join(", ", linkedAccounts) + " ")
                + "from " + from + " to " + toExclusive + " from Cost Explorer";
        Map<LocalDate, Day> days = new TreeMap<>();
        for (LocalDate d = from; d.isBefore(toExclusive); d = d.plusDays(1)) {
            days.put(d, new Day());
        }
        String nextPageToken = null;
        int calls = 0;
        do {
            requireUnderPageBound(calls, doing);
            GetCostAndUsageResponse page;
            calls++;
            try {
                page = costExplorer.getCostAndUsage(request(linkedAccounts, from, toExclusive, nextPageToken));
            } catch (DataUnavailableException e) {
                String reason = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
                return LambdaCosts.unavailable(calls, SOURCE, level, "Cost Explorer has no data for " + from + " to "
                        + toExclusive.minusDays(1) + " yet (DataUnavailableException" + (reason == null ? "" : ": " + reason) + ")");
            } catch (SdkException e) {
                throw AwsCallException.of(doing, "ce:GetCostAndUsage", e);
            }
            for (ResultByTime result : page.resultsByTime()) {
                add(result, days, doing);
            }
            nextPageToken = page.nextPageToken();
        } while (nextPageToken != null && !nextPageToken.isEmpty());
        List<DailyCost> out = new ArrayList<>(days.size());
        days.forEach((date, day) -> out.add(new DailyCost(date, day.costUsd, day.requests.setScale(0, RoundingMode.HALF_UP).longValueExact())));
        return new LambdaCosts(out, calls, SOURCE, level, null);
    }

    /** Each page costs USD 0.01: past {@link #MAX_PAGES} a read stops rather than keep paying. */
    private static void requireUnderPageBound(int calls, String doing) {
        if (calls == MAX_PAGES) {
            throw AwsCallException.unusable(doing, "still had more pages after " + MAX_PAGES
                    + " calls (USD 0.01 each); fleetopt stops there rather than keep paying", null);
        }
    }

    /**
     * Each function's on-demand cost at the finest granularity the account has: resource-level data first
     * ({@link #costByResource}); where the account has none, an active cost-allocation tag that tells the functions
     * apart ({@link #costByTag}); otherwise unavailable, with both reasons. It is a cross-check, so its absence is
     * reported, not fatal. Every call counts in {@link FunctionCosts#apiCalls()} (USD 0.01 each).
     */
    @Override
    public FunctionCosts lambdaCostByFunction(DateRange range, Map<String, Map<String, String>> tagsByArn) {
        FunctionCosts byResource = costByResource(range);
        if (byResource.isAvailable()) {
            return byResource;
        }
        return costByTag(range, tagsByArn, byResource);
    }

    /**
     * Resource-level data (GetCostAndUsageWithResources, daily, grouped by resource and usage type; provisioned
     * concurrency left out), at most {@link #MAX_PAGES} calls. An account that has not opted in, a period outside the
     * last 14 days, or a role without the permission gives no data, with Cost Explorer's reason.
     */
    FunctionCosts costByResource(DateRange range) {
        String doing = "read each function's Lambda cost for " + range.display() + " from Cost Explorer's resource-level data";
        Map<String, BigDecimal> costs = new TreeMap<>();
        String nextPageToken = null;
        int calls = 0;
        do {
            requireUnderPageBound(calls, doing);
            GetCostAndUsageWithResourcesResponse page;
            calls++;
            try {
                page = costExplorer.getCostAndUsageWithResources(resourceRequest(range, nextPageToken));
            } catch (AwsServiceException e) {
                String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
                if (!NO_RESOURCE_DATA.contains(code)) {
                    throw AwsCallException.of(doing, "ce:GetCostAndUsageWithResources", e);
                }
                String message = e.awsErrorDetails().errorMessage();
                return FunctionCosts.unavailable(calls, "Cost Explorer gives no resource-level Lambda data for " + range.display()
                        + " (" + code + (message == null ? "" : ": " + message) + ")"
                        + ("AccessDeniedException".equals(code) ? "; allow ce:GetCostAndUsageWithResources to the role fleetopt runs as" : ""));
            } catch (SdkException e) {
                throw AwsCallException.of(doing, "ce:GetCostAndUsageWithResources", e);
            }
            for (ResultByTime result : page.resultsByTime()) {
                for (Group group : result.groups()) {
                    if (group.keys().size() != 2) {
                        throw AwsCallException.unusable(doing, "has a group with keys " + group.keys()
                                + " instead of a resource and a usage type", null);
                    }
                    String arn = unqualified(group.keys().get(0));
                    if (arn != null && !PROVISIONED_USAGE_TYPE.matcher(group.keys().get(1)).matches()) {
                        costs.merge(arn, usd(group.metrics().get(COST), result.timePeriod().start() + " / " + group.keys(), doing),
                                BigDecimal::add);
                    }
                }
            }
            nextPageToken = page.nextPageToken();
        } while (nextPageToken != null && !nextPageToken.isEmpty());
        return new FunctionCosts(Map.copyOf(costs), calls, FunctionCosts.BY_RESOURCE, null);
    }

    /**
     * By cost-allocation tag: the account's active tags (ListCostAllocationTags), the one whose values tell the
     * functions apart ({@link CostAllocationTagChoice}), then GetCostAndUsage grouped by that tag and usage type
     * (provisioned concurrency left out), each at most {@link #MAX_PAGES} calls. A tag's cost is only there from the
     * day it was activated and tagged; a function without a cost there is not cross-checked.
     */
    private FunctionCosts costByTag(DateRange range, Map<String, Map<String, String>> tagsByArn, FunctionCosts byResource) {
        int calls = byResource.apiCalls();
        String noResourceData = byResource.unavailable();
        if (tagsByArn.isEmpty()) {
            return FunctionCosts.unavailable(calls, noResourceData + "; the changed functions' tags are not known (no snapshot), "
                    + "so no cost-allocation tag is looked for");
        }
        String doing = "list the account's active cost-allocation tags from Cost Explorer";
        List<String> active = new ArrayList<>();
        String nextToken = null;
        do {
            requireUnderPageBound(calls - byResource.apiCalls(), doing);
            ListCostAllocationTagsResponse page;
            calls++;
            try {
                String from = nextToken;
                page = costExplorer.listCostAllocationTags(r -> r.status(CostAllocationTagStatus.ACTIVE).nextToken(from));
            } catch (AwsServiceException e) {
                String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
                if (!"AccessDeniedException".equals(code)) {
                    throw AwsCallException.of(doing, "ce:ListCostAllocationTags", e);
                }
                return FunctionCosts.unavailable(calls, noResourceData + "; the cost-allocation tags could not be listed ("
                        + code + "); allow ce:ListCostAllocationTags to the role fleetopt runs as");
            } catch (SdkException e) {
                throw AwsCallException.of(doing, "ce:ListCostAllocationTags", e);
            }
            page.costAllocationTags().forEach(t -> active.add(t.tagKey()));
            nextToken = page.nextToken();
        } while (nextToken != null && !nextToken.isEmpty());
        java.util.Optional<String> chosen = CostAllocationTagChoice.choose(active, tagsByArn);
        if (chosen.isEmpty()) {
            return FunctionCosts.unavailable(calls, noResourceData + "; " + CostAllocationTagChoice.whyNone(active, tagsByArn));
        }
        String tagKey = chosen.get();
        Map<String, String> arnOfValue = new java.util.HashMap<>();
        tagsByArn.forEach((arn, tags) -> arnOfValue.put(tags.get(tagKey), arn));
        String reading = "read each function's Lambda cost for " + range.display() + " by its cost-allocation tag " + tagKey
                + " from Cost Explorer";
        Map<String, BigDecimal> costs = new TreeMap<>();
        String nextPageToken = null;
        int tagCalls = 0;
        do {
            requireUnderPageBound(tagCalls, reading);
            GetCostAndUsageResponse page;
            calls++;
            tagCalls++;
            try {
                page = costExplorer.getCostAndUsage(tagRequest(range, tagKey, nextPageToken));
            } catch (DataUnavailableException e) {
                String reason = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
                return FunctionCosts.unavailable(calls, noResourceData + "; by cost-allocation tag " + tagKey + " Cost Explorer has no data for "
                        + range.display() + " yet (DataUnavailableException" + (reason == null ? "" : ": " + reason) + ")");
            } catch (SdkException e) {
                throw AwsCallException.of(reading, "ce:GetCostAndUsage", e);
            }
            for (ResultByTime result : page.resultsByTime()) {
                for (Group group : result.groups()) {
                    if (group.keys().size() != 2 || !group.keys().get(0).startsWith(tagKey + "$")) {
                        throw AwsCallException.unusable(reading, "has a group with keys " + group.keys()
                                + " instead of a value of " + tagKey + " and a usage type", null);
                    }
                    String arn = arnOfValue.get(group.keys().get(0).substring(tagKey.length() + 1));
                    if (arn != null && !PROVISIONED_USAGE_TYPE.matcher(group.keys().get(1)).matches()) {
                        costs.merge(arn, usd(group.metrics().get(COST), result.timePeriod().start() + " / " + group.keys(), reading),
                                BigDecimal::add);
                    }
                }
            }
            nextPageToken = page.nextPageToken();
        } while (nextPageToken != null && !nextPageToken.isEmpty());
        return new FunctionCosts(Map.copyOf(costs), calls, FunctionCosts.byTag(tagKey), null);
    }

    private static GetCostAndUsageRequest tagRequest(DateRange range, String tagKey, String nextPageToken) {
        return GetCostAndUsageRequest.builder()
                .timePeriod(DateInterval.builder().start(range.from().toString()).end(range.toExclusive().toString()).build())
                .granularity(Granularity.DAILY)
                .filter(Expression.builder().dimensions(DimensionValues.builder()
                        .key(Dimension.SERVICE).values(LAMBDA_SERVICE).build()).build())
                .metrics(COST)
                .groupBy(GroupDefinition.builder().type(GroupDefinitionType.TAG).key(tagKey).build(),
                        GroupDefinition.builder().type(GroupDefinitionType.DIMENSION).key(Dimension.USAGE_TYPE.toString()).build())
                .nextPageToken(nextPageToken)
                .build();
    }

    /** A function ARN without its version or alias; null for a resource that is not a function. */
    static String unqualified(String resourceId) {
        String[] parts = resourceId.split(":");
        if (parts.length < 7 || !"lambda".equals(parts[2]) || !"function".equals(parts[5])) {
            return null;
        }
        return String.join(":", java.util.Arrays.copyOf(parts, 7));
    }

    private static GetCostAndUsageWithResourcesRequest resourceRequest(DateRange range, String nextPageToken) {
        return GetCostAndUsageWithResourcesRequest.builder()
                .timePeriod(DateInterval.builder().start(range.from().toString()).end(range.toExclusive().toString()).build())
                .granularity(Granularity.DAILY)
                .filter(Expression.builder().dimensions(DimensionValues.builder()
                        .key(Dimension.SERVICE).values(LAMBDA_SERVICE).build()).build())
                .metrics(COST)
                .groupBy(GroupDefinition.builder().type(GroupDefinitionType.DIMENSION).key(Dimension.RESOURCE_ID.toString()).build(),
                        GroupDefinition.builder().type(GroupDefinitionType.DIMENSION).key(Dimension.USAGE_TYPE.toString()).build())
                .nextPageToken(nextPageToken)
                .build();
    }

    private static GetCostAndUsageRequest request(List<String> linkedAccounts, LocalDate from, LocalDate toExclusive, String nextPageToken) {
        Expression lambda = Expression.builder().dimensions(DimensionValues.builder()
                .key(Dimension.SERVICE).values(LAMBDA_SERVICE).build()).build();
        return GetCostAndUsageRequest.builder()
                .timePeriod(DateInterval.builder().start(from.toString()).end(toExclusive.toString()).build())
                .granularity(Granularity.DAILY)
                .filter(linkedAccounts.isEmpty() ? lambda : Expression.builder().and(lambda, Expression.builder()
                        .dimensions(DimensionValues.builder().key(Dimension.LINKED_ACCOUNT).values(linkedAccounts).build()).build()).build())
                .metrics(COST, USAGE)
                .groupBy(GroupDefinition.builder().type(GroupDefinitionType.DIMENSION).key(Dimension.USAGE_TYPE.toString()).build())
                .nextPageToken(nextPageToken)
                .build();
    }

    private static void add(ResultByTime result, Map<LocalDate, Day> days, String doing) {
        LocalDate date;
        try {
            date = LocalDate.parse(result.timePeriod().start());
        } catch (NullPointerException | DateTimeParseException e) {
            throw AwsCallException.unusable(doing, "has a result without a valid TimePeriod.Start", e);
        }
        Day day = days.get(date);
        if (day == null) {
            throw AwsCallException.unusable(doing, "has a result for " + date + ", outside the period asked for", null);
        }
        for (Group group : result.groups()) {
            if (group.keys().size() != 1) {
                throw AwsCallException.unusable(doing, "of " + date + " has a group with keys " + group.keys()
                        + " instead of one usage type", null);
            }
            String usageType = group.keys().get(0);
            String where = date + " / " + usageType;
            day.costUsd = day.costUsd.add(usd(group.metrics().get(COST), where, doing));
            if (isRequestUsageType(usageType)) {
                day.requests = day.requests.add(amount(group.metrics().get(USAGE), USAGE, where, doing));
            }
        }
    }

    private static BigDecimal usd(MetricValue value, String where, String doing) {
        BigDecimal amount = amount(value, COST, where, doing);
        if (amount.signum() != 0 && !"USD".equals(value.unit())) {
            throw AwsCallException.unusable(doing, "gives " + COST + " of " + where + " in " + value.unit() + ", not USD", null);
        }
        return amount;
    }

    private static BigDecimal amount(MetricValue value, String metric, String where, String doing) {
        if (value == null || value.amount() == null) {
            throw AwsCallException.unusable(doing, "has no " + metric + " for " + where, null);
        }
        try {
            return new BigDecimal(value.amount());
        } catch (NumberFormatException e) {
            throw AwsCallException.unusable(doing, "has " + metric + " \"" + value.amount() + "\" for " + where
                    + ", which is not a number", e);
        }
    }

    @Override
    public void close() {
        costExplorer.close();
    }

    private static final class Day {
        BigDecimal costUsd = BigDecimal.ZERO;
        BigDecimal requests = BigDecimal.ZERO;
    }
}
