package io.fleetopt.notifier.aws;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.fleetopt.core.port.DailyCost;
import io.fleetopt.core.port.LambdaCosts;
import io.fleetopt.core.port.FunctionCosts;
import io.fleetopt.core.model.DateRange;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Cost Explorer GetCostAndUsage on the wire (AWS JSON 1.1), against WireMock. */
class CostExplorerCostHistoryTest {

    private static final String TARGET = "AWSInsightsIndexService.GetCostAndUsage";
    private static final LocalDate NOV_1 = LocalDate.of(2026, 11, 1);

    @RegisterExtension
    static WireMockExtension ce = AwsWire.server();

    private CostExplorerCostHistory history;

    @BeforeEach
    void historyPointedAtWireMock() {
        history = new CostExplorerCostHistory(AwsWire.clients(ce).costExplorer());
    }

    @AfterEach
    void close() {
        history.close();
    }

    private static String group(String usageType, String costUsd, String usage, String usageUnit) {
        return """
                {"Keys":["%s"],"Metrics":{"UnblendedCost":{"Amount":"%s","Unit":"USD"},"UsageQuantity":{"Amount":"%s","Unit":"%s"}}}"""
                .formatted(usageType, costUsd, usage, usageUnit);
    }

    private static String day(LocalDate date, boolean estimated, String... groups) {
        return """
                {"TimePeriod":{"Start":"%s","End":"%s"},"Total":{},"Groups":[%s],"Estimated":%s}"""
                .formatted(date, date.plusDays(1), String.join(",", groups), estimated);
    }

    private static String page(String nextPageToken, String... days) {
        return """
                {"GroupDefinitions":[{"Type":"DIMENSION","Key":"USAGE_TYPE"}],"ResultsByTime":[%s],"DimensionValueAttributes":[]%s}"""
                .formatted(String.join(",", days), nextPageToken == null ? "" : ",\"NextPageToken\":\"" + nextPageToken + "\"");
    }

    private static String expectedRequest(LocalDate from, LocalDate to, String nextPageToken) {
        return """
                {"TimePeriod":{"Start":"%s","End":"%s"},"Granularity":"DAILY",
                 "Filter":{"Dimensions":{"Key":"SERVICE","Values":["AWS Lambda"]}},
                 "Metrics":["UnblendedCost","UsageQuantity"],
                 "GroupBy":[{"Type":"DIMENSION","Key":"USAGE_TYPE"}]%s}"""
                .formatted(from, to, nextPageToken == null ? "" : ",\"NextPageToken\":\"" + nextPageToken + "\"");
    }

    private static void assertDay(DailyCost actual, LocalDate date, String costUsd, long requests) {
        assertEquals(date, actual.date());
        assertEquals(0, new BigDecimal(costUsd).compareTo(actual.costUsd()), date + " cost " + actual.costUsd());
        assertEquals(requests, actual.requests(), date + " requests");
    }

    @Test
    void followsTheNextPageTokenAndSumsEachDaysCostAndRequestsOverUsageTypesAndPages() {
        ce.stubFor(post(urlEqualTo("/")).atPriority(5).withHeader("X-Amz-Target", equalTo(TARGET))
                .withRequestBody(matchingJsonPath("$.NextPageToken", absent()))
                .willReturn(AwsWire.jsonResponse(page("page-2-token",
                        day(NOV_1, false,
                                group("EUW1-Lambda-GB-Second", "1.2345678", "74074.07", "Lambda-GB-Second"),
                                group("EUW1-Request", "0.2", "1000000", "Requests")),
                        day(NOV_1.plusDays(1), false,
                                group("EUW1-Request", "0.1000002", "500001", "Requests"))))));
        ce.stubFor(post(urlEqualTo("/")).atPriority(1).withHeader("X-Amz-Target", equalTo(TARGET))
                .withRequestBody(matchingJsonPath("$.NextPageToken", equalTo("page-2-token")))
                .willReturn(AwsWire.jsonResponse(page(null,
                        day(NOV_1.plusDays(1), false,
                                group("EUW1-Request-ARM", "0.04", "200000", "Requests"),
                                group("EUW1-Lambda-GB-Second-ARM", "0.5", "37500", "Lambda-GB-Second")),
                        day(NOV_1.plusDays(2), true)))));

        LambdaCosts costs = history.dailyLambdaCost(NOV_1, NOV_1.plusDays(4));
        List<DailyCost> days = costs.days();

        assertEquals(4, days.size(), "one entry per day asked for: " + days);
        assertDay(days.get(0), NOV_1, "1.4345678", 1_000_000);
        assertDay(days.get(1), NOV_1.plusDays(1), "0.6400002", 700_001);
        assertDay(days.get(2), NOV_1.plusDays(2), "0", 0);
        assertDay(days.get(3), NOV_1.plusDays(3), "0", 0);
        assertEquals(2, costs.apiCalls(), "one paid call per page");
        ce.verify(2, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET))
                .withHeader("Content-Type", equalTo("application/x-amz-json-1.1")));
        ce.verify(1, postRequestedFor(urlEqualTo("/"))
                .withRequestBody(equalToJson(expectedRequest(NOV_1, NOV_1.plusDays(4), null))));
        ce.verify(1, postRequestedFor(urlEqualTo("/"))
                .withRequestBody(equalToJson(expectedRequest(NOV_1, NOV_1.plusDays(4), "page-2-token"))));
        assertTrue(ce.getAllServeEvents().getFirst().getRequest().getHeader("Authorization").contains("/us-east-1/ce/aws4_request"),
                "signed for Cost Explorer's one region, us-east-1, whatever the clients' region");
    }

    @Test
    void readsMemberAccountsCostsWithTheLinkedAccountFilterRetryingWhenThrottled() {
        ce.stubFor(post(urlEqualTo("/")).inScenario("limited").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(AwsWire.jsonError(400, "LimitExceededException", "You made too many calls in a short period of time."))
                .willSetStateTo("calm"));
        ce.stubFor(post(urlEqualTo("/")).inScenario("limited").whenScenarioStateIs("calm")
                .willReturn(AwsWire.jsonResponse(page(null, day(NOV_1, false, group("EUW1-Request", "0.2", "1000000", "Requests"),
                        group("EUW1-Lambda-GB-Second", "1.25", "75000", "Lambda-GB-Second"))))));

        LambdaCosts costs = history.dailyLambdaCostOfAccounts(List.of("210987654321", "310987654321"), NOV_1, NOV_1.plusDays(1));

        assertTrue(costs.isAvailable(), costs.unavailable());
        assertDay(costs.days().getFirst(), NOV_1, "1.45", 1_000_000);
        assertEquals("AWS Lambda cost of linked accounts 210987654321, 310987654321 by usage type (GetCostAndUsage, daily, "
                + "LINKED_ACCOUNT filter)", costs.level());
        assertEquals(1, costs.apiCalls(), "one query; the SDK retried the throttled attempt within it");
        ce.verify(2, postRequestedFor(urlEqualTo("/")).withRequestBody(equalToJson("""
                {"TimePeriod":{"Start":"2026-11-01","End":"2026-11-02"},"Granularity":"DAILY",
                 "Filter":{"And":[{"Dimensions":{"Key":"SERVICE","Values":["AWS Lambda"]}},
                                  {"Dimensions":{"Key":"LINKED_ACCOUNT","Values":["210987654321","310987654321"]}}]},
                 "Metrics":["UnblendedCost","UsageQuantity"],
                 "GroupBy":[{"Type":"DIMENSION","Key":"USAGE_TYPE"}]}""")));
    }

    @Test
    void aMemberAccountWhoseCostsThisAccountDoesNotSeeIsNotCrossCheckedRatherThanCountedZero() {
        ce.stubFor(post(urlEqualTo("/")).willReturn(AwsWire.jsonResponse(page(null, day(NOV_1, true), day(NOV_1.plusDays(1), true)))));

        LambdaCosts costs = history.dailyLambdaCostOfAccounts(List.of("210987654321"), NOV_1, NOV_1.plusDays(2));

        assertFalse(costs.isAvailable());
        assertEquals("Cost Explorer of the account fleetopt runs in shows no Lambda cost of account 210987654321 from 2026-11-01 to "
                + "2026-11-02: an organization's member accounts' costs are seen only from its management (payer) account", costs.unavailable());
        assertEquals(1, costs.apiCalls(), "the call is paid and counted");
    }

    @Test
    void retriesWhenCostExplorerSaysTooManyCallsUntilItAnswers() {
        ce.stubFor(post(urlEqualTo("/")).inScenario("limited").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(AwsWire.jsonError(400, "LimitExceededException", "You made too many calls in a short period of time."))
                .willSetStateTo("calm"));
        ce.stubFor(post(urlEqualTo("/")).inScenario("limited").whenScenarioStateIs("calm")
                .willReturn(AwsWire.jsonResponse(page(null, day(NOV_1, false, group("Request", "0.2", "1000000", "Requests"))))));

        LambdaCosts costs = history.dailyLambdaCost(NOV_1, NOV_1.plusDays(1));
        List<DailyCost> days = costs.days();

        assertDay(days.get(0), NOV_1, "0.2", 1_000_000);
        assertEquals(1, costs.apiCalls(), "the SDK's retry of a throttled call is the same call");
        ce.verify(2, postRequestedFor(urlEqualTo("/")).withRequestBody(equalToJson(expectedRequest(NOV_1, NOV_1.plusDays(1), null))));
    }

    @ParameterizedTest(name = "{0} counts requests: {1}")
    @CsvSource({
            "Request, true", "Request-ARM, true", "USE2-Request, true", "EUW1-Request-ARM, true", "Lambda-Edge-Request, true",
            "Lambda-Requests, true", "Lambda-GB-Second, false", "USE2-Lambda-GB-Second-ARM, false",
            "Lambda-Provisioned-Concurrency, false", "ReadRequestUnits, false", "EUW1-DataTransfer-Out-Bytes, false"})
    void readsRequestsFromTheRequestUsageTypesOnly(String usageType, boolean countsRequests) {
        assertEquals(countsRequests, CostExplorerCostHistory.isRequestUsageType(usageType));
    }

    @Test
    void turnsAnAccessDeniedIntoAnErrorNamingThePermission() {
        ce.stubFor(post(urlEqualTo("/")).willReturn(AwsWire.jsonError(400, "AccessDeniedException",
                "User: arn:aws:sts::123456789012:assumed-role/fleetopt-notifier/fn is not authorized to perform: "
                        + "ce:GetCostAndUsage on resource: arn:aws:ce:us-east-1:123456789012:/GetCostAndUsage")));

        AwsCallException e = assertThrows(AwsCallException.class, () -> history.dailyLambdaCost(NOV_1, NOV_1.plusDays(7)));

        assertTrue(e.getMessage().startsWith("could not read the daily Lambda cost from 2026-11-01 to 2026-11-08 from Cost "
                + "Explorer: AccessDeniedException (HTTP 400): User: "), e.getMessage());
        assertTrue(e.getMessage().contains("allow ce:GetCostAndUsage to the role fleetopt runs as"), e.getMessage());
        assertEquals(1, ce.getAllServeEvents().size(), "access denied is not retried");
    }

    @Test
    void rejectsAnAmountThatIsNotANumberNamingTheDayAndUsageType() {
        ce.stubFor(post(urlEqualTo("/")).willReturn(AwsWire.jsonResponse(page(null,
                day(NOV_1, false, group("EUW1-Request", "twelve cents", "1000", "Requests"))))));

        AwsCallException e = assertThrows(AwsCallException.class, () -> history.dailyLambdaCost(NOV_1, NOV_1.plusDays(1)));

        assertEquals("could not read the daily Lambda cost from 2026-11-01 to 2026-11-02 from Cost Explorer: the response "
                + "has UnblendedCost \"twelve cents\" for 2026-11-01 / EUW1-Request, which is not a number", e.getMessage());
    }

    @Test
    void rejectsAnAnswerThatIsNotJsonAfterTheSdksRetries() {
        ce.stubFor(post(urlEqualTo("/")).willReturn(AwsWire.jsonResponse("{\"ResultsByTime\":[{\"TimePeriod\":")));

        AwsCallException e = assertThrows(AwsCallException.class, () -> history.dailyLambdaCost(NOV_1, NOV_1.plusDays(1)));

        assertTrue(e.getMessage().startsWith("could not read the daily Lambda cost from 2026-11-01 to 2026-11-02 from Cost "
                + "Explorer: Unable to unmarshall response"), e.getMessage());
        assertEquals(3, ce.getAllServeEvents().size(), "the SDK tries an unreadable answer three times, then gives up");
    }

    @Test
    void asksNothingForAnEmptyPeriod() {
        assertEquals(List.of(), history.dailyLambdaCost(NOV_1, NOV_1).days());
        assertEquals(0, history.dailyLambdaCost(NOV_1, NOV_1).apiCalls());
        assertEquals(0, ce.getAllServeEvents().size());
    }

    @Test
    void reportsCostExplorersDataUnavailableAsNoDataWithItsReasonInsteadOfFailing() {
        ce.stubFor(post(urlEqualTo("/")).willReturn(AwsWire.jsonError(400, "DataUnavailableException",
                "Data is not available. Please try to adjust the time period.")));

        LambdaCosts costs = history.dailyLambdaCost(NOV_1, NOV_1.plusDays(7));

        assertFalse(costs.isAvailable());
        assertEquals(List.of(), costs.days());
        assertEquals(1, costs.apiCalls());
        assertEquals("Cost Explorer has no data for 2026-11-01 to 2026-11-07 yet (DataUnavailableException: Data is not "
                + "available. Please try to adjust the time period.)", costs.unavailable());
        assertEquals(1, ce.getAllServeEvents().size(), "no data is not retried");
    }

    @Test
    void retriesThrottlingExceptionsAsTheSdkDoes() {
        ce.stubFor(post(urlEqualTo("/")).inScenario("throttled").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(AwsWire.jsonError(400, "ThrottlingException", "Rate exceeded")).willSetStateTo("calm"));
        ce.stubFor(post(urlEqualTo("/")).inScenario("throttled").whenScenarioStateIs("calm")
                .willReturn(AwsWire.jsonResponse(page(null, day(NOV_1, false, group("Request", "0.4", "2000000", "Requests"))))));

        LambdaCosts costs = history.dailyLambdaCost(NOV_1, NOV_1.plusDays(1));

        assertDay(costs.days().get(0), NOV_1, "0.4", 2_000_000);
        assertEquals(2, ce.getAllServeEvents().size());
    }

    @Test
    void stopsFollowingPagesAtItsBoundOfPaidCallsAndSaysSo() {
        ce.stubFor(post(urlEqualTo("/")).willReturn(AwsWire.jsonResponse(page("again",
                day(NOV_1, false, group("Request", "0.2", "1000000", "Requests"))))));

        AwsCallException e = assertThrows(AwsCallException.class, () -> history.dailyLambdaCost(NOV_1, NOV_1.plusDays(1)));

        assertTrue(e.getMessage().endsWith("still had more pages after 10 calls (USD 0.01 each); fleetopt stops there rather "
                + "than keep paying"), e.getMessage());
        assertEquals(CostExplorerCostHistory.MAX_PAGES, ce.getAllServeEvents().size());
    }

    private static final String WITH_RESOURCES = "AWSInsightsIndexService.GetCostAndUsageWithResources";
    private static final String ORDERS = "arn:aws:lambda:eu-west-1:123456789012:function:orders-api";
    private static final DateRange WEEK = new DateRange(NOV_1, NOV_1.plusDays(7));

    private static String resourceGroup(String resource, String usageType, String costUsd) {
        return """
                {"Keys":["%s","%s"],"Metrics":{"UnblendedCost":{"Amount":"%s","Unit":"USD"}}}""".formatted(resource, usageType, costUsd);
    }

    @Test
    void readsEachFunctionsOnDemandCostFromResourceLevelDataFollowingPages() {
        ce.stubFor(post(urlEqualTo("/")).atPriority(5).withHeader("X-Amz-Target", equalTo(WITH_RESOURCES))
                .withRequestBody(matchingJsonPath("$.NextPageToken", absent()))
                .willReturn(AwsWire.jsonResponse(page("next",
                        day(NOV_1, false,
                                resourceGroup(ORDERS, "EUW1-Lambda-GB-Second", "1.25"),
                                resourceGroup(ORDERS + ":live", "EUW1-Request", "0.05"),
                                resourceGroup(ORDERS, "EUW1-Lambda-Provisioned-Concurrency", "7.00"),
                                resourceGroup("i-0abc123", "EUW1-BoxUsage", "3.00"))))));
        ce.stubFor(post(urlEqualTo("/")).atPriority(1).withHeader("X-Amz-Target", equalTo(WITH_RESOURCES))
                .withRequestBody(matchingJsonPath("$.NextPageToken", equalTo("next")))
                .willReturn(AwsWire.jsonResponse(page(null,
                        day(NOV_1.plusDays(1), false, resourceGroup(ORDERS, "EUW1-Lambda-GB-Second", "1.20"))))));

        FunctionCosts costs = history.lambdaCostByFunction(WEEK, Map.of());

        assertTrue(costs.isAvailable());
        assertEquals(FunctionCosts.BY_RESOURCE, costs.level());
        assertEquals(Map.of(ORDERS, new BigDecimal("2.50")), costs.costUsdByArn(),
                "compute and requests of the function, its versions and aliases; provisioned concurrency left out");
        assertEquals(2, costs.apiCalls());
        ce.verify(1, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(WITH_RESOURCES)).withRequestBody(equalToJson("""
                {"TimePeriod":{"Start":"2026-11-01","End":"2026-11-08"},"Granularity":"DAILY",
                 "Filter":{"Dimensions":{"Key":"SERVICE","Values":["AWS Lambda"]}},"Metrics":["UnblendedCost"],
                 "GroupBy":[{"Type":"DIMENSION","Key":"RESOURCE_ID"},{"Type":"DIMENSION","Key":"USAGE_TYPE"}]}""")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "DataUnavailableException | Data is not available. Please try to adjust the time period.",
            "ValidationException | Resource-level data is not enabled for this account."})
    void anAccountWithoutResourceLevelDataGetsNoPerFunctionCostAndCostExplorersReason(String type, String message) {
        ce.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(WITH_RESOURCES))
                .willReturn(AwsWire.jsonError(400, type, message)));

        FunctionCosts costs = history.lambdaCostByFunction(WEEK, Map.of());

        assertFalse(costs.isAvailable());
        assertTrue(costs.unavailable().startsWith("Cost Explorer gives no resource-level Lambda data for 2026-11-01 to 2026-11-07 ("
                + type + ": " + message + ")"), costs.unavailable());
        assertEquals(1, costs.apiCalls());
        assertEquals(1, ce.getAllServeEvents().size(), "not retried");
    }

    @Test
    void aRoleWithoutThePermissionGetsNoPerFunctionCostAndIsToldWhichToAllow() {
        ce.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(WITH_RESOURCES))
                .willReturn(AwsWire.jsonError(400, "AccessDeniedException", "not authorized to perform: ce:GetCostAndUsageWithResources")));

        FunctionCosts costs = history.lambdaCostByFunction(WEEK, Map.of());

        assertTrue(costs.unavailable().contains("; allow ce:GetCostAndUsageWithResources to the role fleetopt runs as"), costs.unavailable());
    }

    private static final String LIST_TAGS = "AWSInsightsIndexService.ListCostAllocationTags";
    private static final String PAYMENTS = "arn:aws:lambda:eu-west-1:123456789012:function:payments";
    /** The changed functions' tags as collected: team is shared, fn-name is each function's own. */
    private static final Map<String, Map<String, String>> TAGS = Map.of(
            ORDERS, Map.of("team", "shop", "fn-name", "orders-api"),
            PAYMENTS, Map.of("team", "shop", "fn-name", "payments"));

    private void noResourceLevelData() {
        ce.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(WITH_RESOURCES))
                .willReturn(AwsWire.jsonError(400, "ValidationException", "Resource-level data is not enabled for this account.")));
    }

    private static String tagsPage(String nextToken, String... keys) {
        StringBuilder tags = new StringBuilder();
        for (String key : keys) {
            tags.append(tags.isEmpty() ? "" : ",").append("""
                    {"TagKey":"%s","Type":"UserDefined","Status":"Active","LastUpdatedDate":"2026-09-01T00:00:00Z"}""".formatted(key));
        }
        return "{\"CostAllocationTags\":[" + tags + "]" + (nextToken == null ? "" : ",\"NextToken\":\"" + nextToken + "\"") + "}";
    }

    private void activeTags(String... keys) {
        ce.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(LIST_TAGS)).willReturn(AwsWire.jsonResponse(tagsPage(null, keys))));
    }

    private static String tagGroup(String tagValue, String usageType, String costUsd) {
        return resourceGroup("fn-name$" + tagValue, usageType, costUsd);
    }

    @Test
    void withoutResourceLevelDataReadsEachFunctionsCostByTheActiveCostAllocationTagThatTellsThemApart() {
        noResourceLevelData();
        ce.stubFor(post(urlEqualTo("/")).atPriority(5).withHeader("X-Amz-Target", equalTo(LIST_TAGS))
                .withRequestBody(matchingJsonPath("$.NextToken", absent()))
                .willReturn(AwsWire.jsonResponse(tagsPage("tags-2", "team", "CostCenter"))));
        ce.stubFor(post(urlEqualTo("/")).atPriority(1).withHeader("X-Amz-Target", equalTo(LIST_TAGS))
                .withRequestBody(matchingJsonPath("$.NextToken", equalTo("tags-2")))
                .willReturn(AwsWire.jsonResponse(tagsPage(null, "fn-name"))));
        ce.stubFor(post(urlEqualTo("/")).atPriority(5).withHeader("X-Amz-Target", equalTo(TARGET))
                .withRequestBody(matchingJsonPath("$.NextPageToken", absent()))
                .willReturn(AwsWire.jsonResponse(page("next",
                        day(NOV_1, false,
                                tagGroup("orders-api", "EUW1-Lambda-GB-Second", "1.25"),
                                tagGroup("orders-api", "EUW1-Request", "0.05"),
                                tagGroup("payments", "EUW1-Lambda-Provisioned-Concurrency", "7.00"),
                                tagGroup("", "EUW1-Lambda-GB-Second", "3.00"))))));
        ce.stubFor(post(urlEqualTo("/")).atPriority(1).withHeader("X-Amz-Target", equalTo(TARGET))
                .withRequestBody(matchingJsonPath("$.NextPageToken", equalTo("next")))
                .willReturn(AwsWire.jsonResponse(page(null,
                        day(NOV_1.plusDays(1), false, tagGroup("payments", "EUW1-Lambda-GB-Second-ARM", "0.40"))))));

        FunctionCosts costs = history.lambdaCostByFunction(WEEK, TAGS);

        assertTrue(costs.isAvailable(), costs.unavailable());
        assertEquals("by cost-allocation tag fn-name", costs.level());
        assertEquals(Map.of(ORDERS, new BigDecimal("1.30"), PAYMENTS, new BigDecimal("0.40")), costs.costUsdByArn(),
                "each tag value's on-demand cost is its function's; untagged cost and provisioned concurrency left out");
        assertEquals(5, costs.apiCalls(), "one resource-level try, two pages of tags, two pages of cost: each USD 0.01");
        ce.verify(1, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(LIST_TAGS))
                .withRequestBody(equalToJson("{\"Status\":\"Active\"}")));
        ce.verify(1, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET)).withRequestBody(equalToJson("""
                {"TimePeriod":{"Start":"2026-11-01","End":"2026-11-08"},"Granularity":"DAILY",
                 "Filter":{"Dimensions":{"Key":"SERVICE","Values":["AWS Lambda"]}},"Metrics":["UnblendedCost"],
                 "GroupBy":[{"Type":"TAG","Key":"fn-name"},{"Type":"DIMENSION","Key":"USAGE_TYPE"}]}""")));
    }

    @Test
    void prefersFleetoptsOwnTagWhenSeveralTellTheFunctionsApart() {
        noResourceLevelData();
        activeTags("fn-name", "fleetopt:function");
        ce.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET)).willReturn(AwsWire.jsonResponse(page(null))));
        Map<String, Map<String, String>> tags = Map.of(
                ORDERS, Map.of("fn-name", "orders-api", "fleetopt:function", "orders"),
                PAYMENTS, Map.of("fn-name", "payments", "fleetopt:function", "payments"));

        assertEquals("by cost-allocation tag fleetopt:function", history.lambdaCostByFunction(WEEK, tags).level());
    }

    @Test
    void saysWhyWhenNoActiveTagTellsTheChangedFunctionsApartAndStopsThere() {
        noResourceLevelData();
        activeTags("team", "CostCenter");

        FunctionCosts costs = history.lambdaCostByFunction(WEEK, TAGS);

        assertFalse(costs.isAvailable());
        assertEquals(FunctionCosts.NONE, costs.level());
        assertEquals("Cost Explorer gives no resource-level Lambda data for 2026-11-01 to 2026-11-07 (ValidationException: Resource-level "
                + "data is not enabled for this account.); none of its 2 active cost-allocation tags (CostCenter, team) has a value of "
                + "its own on each of the 2 changed functions", costs.unavailable());
        assertEquals(2, costs.apiCalls());
        ce.verify(0, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET)));
    }

    @Test
    void retriesAThrottledTagListingAndReportsDataUnavailableByTagAsNoDataYet() {
        noResourceLevelData();
        ce.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(LIST_TAGS)).inScenario("busy")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(AwsWire.jsonError(400, "LimitExceededException", "You made too many calls in a short period of time."))
                .willSetStateTo("calm"));
        ce.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(LIST_TAGS)).inScenario("busy").whenScenarioStateIs("calm")
                .willReturn(AwsWire.jsonResponse(tagsPage(null, "fn-name"))));
        ce.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET))
                .willReturn(AwsWire.jsonError(400, "DataUnavailableException", "Data is not available.")));

        FunctionCosts costs = history.lambdaCostByFunction(WEEK, TAGS);

        assertTrue(costs.unavailable().endsWith("; by cost-allocation tag fn-name Cost Explorer has no data for 2026-11-01 to 2026-11-07 "
                + "yet (DataUnavailableException: Data is not available.)"), costs.unavailable());
        assertEquals(3, costs.apiCalls(), "the retry is the SDK's; each answered request counts once here");
        ce.verify(2, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(LIST_TAGS)));
    }
}
