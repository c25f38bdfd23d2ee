package io.fleetopt.collector.aws;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.model.AliasDelivery;
import io.fleetopt.core.model.FleetSnapshot;
import io.fleetopt.core.model.FunctionAlias;
import io.fleetopt.core.model.FunctionProfile;
import io.fleetopt.core.model.FunctionQualifiers;
import io.fleetopt.core.model.PublishedVersion;
import io.fleetopt.core.port.CollectRequest;
import io.fleetopt.core.scope.Scope;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.fleetopt.collector.aws.SimulatedAwsAccount.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Aliases, versions and the traffic by alias, read from the simulated account in Lambda's REST-JSON and CloudWatch's
 * Query protocol: ListAliases over two pages after a 429 throttle, ListVersionsByFunction paged until the served
 * versions are found, a CodeDeploy-style weighted alias, ListAliases denied, and Invocations by the Resource dimension.
 */
class QualifiersOnAwsTest {

    private static final String ALIASES = "/2015-03-31/functions/%s/aliases";
    private static final String VERSIONS = "/2015-03-31/functions/%s/versions";
    private static WireMockServer aws;
    private static FleetSnapshot snapshot;
    private static Map<String, FunctionProfile> byName;

    @BeforeAll
    static void collect() {
        List<SimulatedFunction> fleet = List.of(SimulatedFunction.busy("svc-live", 1024, 300, 1000),
                SimulatedFunction.busy("svc-deploy", 1024, 300, 1000), SimulatedFunction.busy("svc-denied", 1024, 300, 1000),
                SimulatedFunction.busy("svc-plain", 1024, 300, 1000));
        SimulatedAccountServer.Running running = SimulatedAccountServer.startWritable(fleet);
        aws = running.server();
        running.account().routeThrough("svc-live:live", 0.9);
        running.account().routeThrough("svc-live:beta", 0.05);
        running.account().routeThrough("svc-deploy:live", 1.0);
        running.account().routeThrough("svc-denied:live", 1.0);

        aws.stubFor(get(urlPathEqualTo(ALIASES.formatted("svc-live"))).withQueryParam("Marker", absent()).atPriority(1)
                .inScenario("throttled").whenScenarioStateIs(STARTED)
                .willReturn(lambdaError(429, "TooManyRequestsException", "Rate exceeded")).willSetStateTo("recovered"));
        aws.stubFor(get(urlPathEqualTo(ALIASES.formatted("svc-live"))).withQueryParam("Marker", absent()).atPriority(1)
                .inScenario("throttled").whenScenarioStateIs("recovered")
                .willReturn(json(map("Aliases", List.of(alias("svc-live", "live", "7", null)), "NextMarker", "page-2"))));
        aws.stubFor(get(urlPathEqualTo(ALIASES.formatted("svc-live"))).withQueryParam("Marker", equalTo("page-2")).atPriority(1)
                .willReturn(json(map("Aliases", List.of(alias("svc-live", "beta", "6", null))))));
        aws.stubFor(get(urlPathEqualTo(VERSIONS.formatted("svc-live"))).withQueryParam("Marker", absent()).atPriority(1)
                .willReturn(json(map("Versions", List.of(version("svc-live", "$LATEST", 1024, null), version("svc-live", "1", 3008, null),
                        version("svc-live", "6", 1024, "release 6")), "NextMarker", "v-2"))));
        aws.stubFor(get(urlPathEqualTo(VERSIONS.formatted("svc-live"))).withQueryParam("Marker", equalTo("v-2")).atPriority(1)
                .willReturn(json(map("Versions", List.of(version("svc-live", "7", 1024, "release 7")), "NextMarker", "v-3"))));
        aws.stubFor(get(urlPathEqualTo(VERSIONS.formatted("svc-live"))).withQueryParam("Marker", equalTo("v-3")).atPriority(1)
                .willReturn(json(map("Versions", List.of(version("svc-live", "8", 1024, null))))));

        aws.stubFor(get(urlPathEqualTo(ALIASES.formatted("svc-deploy"))).atPriority(1)
                .willReturn(json(map("Aliases", List.of(alias("svc-deploy", "live", "3", Map.of("4", 0.2)))))));
        aws.stubFor(get(urlPathEqualTo(VERSIONS.formatted("svc-deploy"))).atPriority(1)
                .willReturn(json(map("Versions", List.of(version("svc-deploy", "3", 1024, null), version("svc-deploy", "4", 1024, null))))));
        aws.stubFor(get(urlPathEqualTo(ALIASES.formatted("svc-denied"))).atPriority(1)
                .willReturn(lambdaError(403, "AccessDeniedException", "User is not authorized to perform: lambda:ListAliases")));

        snapshot = AwsFleetSource.create(AwsCollectorOptions.of(List.of(), null, aws.baseUrl(), null)
                        .withCredentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
                        .withLimits(CollectionLimits.defaults().withQueryPollInitial(Duration.ofMillis(5))))
                .collect(new CollectRequest("run-aliases", List.of(SimulatedFunction.REGION), 14, Scope.everything()));
        byName = snapshot.functions().stream().collect(Collectors.toMap(FunctionProfile::name, Function.identity()));
    }

    @AfterAll
    static void stop() {
        aws.stop();
    }

    @Test
    void readsEveryAliasPageAfterAThrottleAndTheInvocationsThroughEachAlias() {
        FunctionProfile live = byName.get("svc-live");
        FunctionQualifiers qualifiers = live.qualifiers();
        assertEquals(List.of("live", "beta"), qualifiers.aliases().stream().map(FunctionAlias::name).toList());
        FunctionAlias alias = qualifiers.aliases().getFirst();
        assertEquals("7", alias.functionVersion());
        // 900 of the 1,000 daily invocations, over the 14 days of the window
        assertEquals(900L * 14, alias.invocations());
        assertEquals(50L * 14, qualifiers.aliases().get(1).invocations());
        assertEquals(List.of(), qualifiers.unknownFields());
        assertEquals("live", live.trafficAlias().orElseThrow().name());
        aws.verify(3, getRequestedFor(urlPathEqualTo(ALIASES.formatted("svc-live"))));
        aws.verify(postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Dimensions.member.2.Name=Resource"))
                .withRequestBody(containing("Dimensions.member.2.Value=svc-live%3Alive")));
    }

    @Test
    void pagesThroughTheVersionsOnlyUntilTheServedOnesAreFoundAndKeepsOnlyThose() {
        FunctionQualifiers qualifiers = byName.get("svc-live").qualifiers();
        assertEquals(List.of("6", "7"), qualifiers.versions().stream().map(PublishedVersion::version).toList());
        assertEquals("c2ltdWxhdGVk", qualifiers.latestCodeSha256());
        aws.verify(2, getRequestedFor(urlPathEqualTo(VERSIONS.formatted("svc-live"))));
        assertTrue(AliasDelivery.unpublishedChange(byName.get("svc-live").config(), qualifiers.aliases().getFirst(), qualifiers).isEmpty());
    }

    @Test
    void aWeightedAliasFleetoptDidNotStartIsSeenAsAnotherDeployment() {
        FunctionProfile deploy = byName.get("svc-deploy");
        FunctionAlias alias = deploy.trafficAlias().orElseThrow();
        assertEquals(Map.of("4", 0.2), alias.additionalVersionWeights());
        String reason = AliasDelivery.managedElsewhere(deploy.config().tags(), alias, deploy.qualifiers()).orElseThrow();
        assertTrue(reason.contains("weighted deployment fleetopt did not start"), reason);
    }

    @Test
    void aDeniedAliasListingLeavesTheQualifiersUnknownNotNone() {
        FunctionProfile denied = byName.get("svc-denied");
        assertEquals(List.of(FunctionQualifiers.ALIASES, FunctionQualifiers.VERSIONS, FunctionQualifiers.TRAFFIC),
                denied.qualifiers().unknownFields());
        assertTrue(denied.trafficAlias().isEmpty());
        assertTrue(denied.warnings().stream().anyMatch(w -> w.contains("ListAliases failed (AccessDeniedException)")), denied.warnings().toString());
    }

    @Test
    void aFunctionWithoutQualifiedInvocationsIsNotAskedForItsAliases() {
        FunctionQualifiers plain = byName.get("svc-plain").qualifiers();
        assertTrue(plain.aliases().isEmpty() && plain.unknownFields().isEmpty());
        aws.verify(0, getRequestedFor(urlPathEqualTo(ALIASES.formatted("svc-plain"))));
        assertEquals(3L, snapshot.collectionCost().apiCallsByOperation().get("ListVersionsByFunction"));
    }

    @Test
    void theSnapshotWithQualifiersReadsBackStrictly() {
        DocumentCodec codec = new DocumentCodec();
        String json = codec.write(snapshot);
        FleetSnapshot read = codec.read(json, FleetSnapshot.class, "snapshot.json");
        assertEquals(snapshot.functions().stream().map(FunctionProfile::qualifiers).toList(),
                read.functions().stream().map(FunctionProfile::qualifiers).toList());
        assertFalse(json.contains("\"schemaVersion\" : 1,"));
    }

    private static Map<String, Object> alias(String function, String name, String version, Map<String, Double> weights) {
        return map("AliasArn", "arn:aws:lambda:us-east-1:123456789012:function:" + function + ":" + name, "Name", name,
                "FunctionVersion", version, "Description", "",
                "RoutingConfig", weights == null ? null : map("AdditionalVersionWeights", weights),
                "RevisionId", "alias-rev-" + name);
    }

    private static Map<String, Object> version(String function, String number, int memoryMb, String description) {
        return map("FunctionName", function, "FunctionArn", "arn:aws:lambda:us-east-1:123456789012:function:" + function + ":" + number,
                "Runtime", "python3.12", "MemorySize", memoryMb, "Timeout", 30, "Version", number, "CodeSha256", "c2ltdWxhdGVk",
                "TracingConfig", map("Mode", "PassThrough"), "Description", description == null ? "" : description,
                "RevisionId", "rev-" + number);
    }

    private static ResponseDefinitionBuilder json(Object body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(Json.write(body));
    }

    private static ResponseDefinitionBuilder lambdaError(int status, String type, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withHeader("x-amzn-ErrorType", type)
                .withBody(Json.write(map("Type", "User", "message", message)));
    }
}
