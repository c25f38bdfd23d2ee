package io.fleetopt.analyzer.rules;

import io.fleetopt.analyzer.Analysis;
import io.fleetopt.analyzer.ProfileBuilder;
import io.fleetopt.analyzer.SnapshotBuilder;
import io.fleetopt.core.model.Action;
import io.fleetopt.core.model.FunctionAlias;
import io.fleetopt.core.model.FunctionQualifiers;
import io.fleetopt.core.model.Plan;
import io.fleetopt.core.model.PublishedVersion;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.pricing.Pricing;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static io.fleetopt.analyzer.ProfileBuilder.function;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AliasItemsTest {

    /** 3008 MB using 200: the memory rule proposes a cut (a step of it, without CPU evidence). */
    private static ProfileBuilder oversized(String name) {
        return function(name).memoryMb(3008).maxMemoryUsedMb(200).invocations(1_400_000).durationAvgMs(300).durationMaxMs(900);
    }

    private static Recommendation memoryItem(ProfileBuilder function) {
        Plan plan = Analysis.plan(SnapshotBuilder.of(function.build()));
        return plan.items().stream().filter(i -> i.kind() == RecommendationKind.MEMORY).findFirst().orElseThrow();
    }

    @Test
    void aFunctionInvokedUnqualifiedKeepsItsInPlaceItem() {
        Recommendation plain = memoryItem(oversized("plain"));
        Recommendation unqualified = memoryItem(oversized("plain").qualifiers(FunctionQualifiers.unqualified("None", "sha-1")));
        assertEquals(plain, unqualified);
    }

    @Test
    void anAliasInvokedFunctionsItemSaysItIsPublishedAndTheAliasMovedAsACanary() {
        Recommendation item = memoryItem(oversized("api").throughAlias("live", 0.9, null));
        assertEquals(Action.APPLY, item.action());
        assertTrue(item.rationale().contains("Invoked through alias live (90 % of invocations): fleetopt publishes the change as a"
                + " new version and moves live to it, 10 % of its traffic first, all of it at the next weekly run."), item.rationale());
        assertEquals(memoryItem(oversized("api")).monthlySavingUsd(), item.monthlySavingUsd());
    }

    @Test
    void theAliasesProvisionedConcurrencyIsPricedAtTheNewMemory() {
        Recommendation without = memoryItem(oversized("warm").throughAlias("live", 1.0, null));
        Recommendation with = memoryItem(oversized("warm").throughAlias("live", 1.0, 10));
        Pricing pricing = Pricing.standard();
        int from = Integer.parseInt(with.currentValue());
        int to = Integer.parseInt(with.proposedValue());
        BigDecimal provisionedSaving = pricing.provisionedMonthlyUsd(10, from).subtract(pricing.provisionedMonthlyUsd(10, to));
        assertEquals(Pricing.cents(without.monthlySavingUsd().add(provisionedSaving)), with.monthlySavingUsd());
        assertTrue(with.rationale().contains("Its provisioned concurrency of 10 moves with the alias"), with.rationale());
        assertTrue(with.rationale().contains("moves live to it, whole, once the new version's own provisioned concurrency is ready"),
                with.rationale());
        assertTrue(with.assumptions().stream().anyMatch(a -> a.contains("from publication to promotion (7 days")), with.assumptions().toString());
    }

    @Test
    void anAliasManagedByCloudFormationOrSamOrCodeDeployIsAFinding() {
        Recommendation stack = memoryItem(oversized("cfn").tag("aws:cloudformation:stack-name", "orders").throughAlias("live", 1.0, null));
        Recommendation sam = memoryItem(oversized("sam").tag("lambda:createdBy", "SAM").throughAlias("live", 1.0, null));
        FunctionQualifiers shifting = new FunctionQualifiers(List.of(new FunctionAlias("live", "3", Map.of("4", 0.2), null, 1_400_000L, "r")),
                List.of(new PublishedVersion("3", "sha-1", 3008, 30, "PassThrough", ""),
                        new PublishedVersion("4", "sha-1", 3008, 30, "PassThrough", "")), "None", "sha-1", List.of());
        Recommendation codeDeploy = memoryItem(oversized("deploy").qualifiers(shifting));
        assertEquals(List.of(Action.REPORT_ONLY, Action.REPORT_ONLY, Action.REPORT_ONLY),
                List.of(stack.action(), sam.action(), codeDeploy.action()));
        // a stack-managed function is a finding already (fleetopt.analyzer.iac-managed=report-only), alias or not
        assertTrue(stack.warnings().stream().anyMatch(w -> w.startsWith("managed by CloudFormation stack orders")), stack.warnings().toString());
        assertTrue(sam.rationale().contains("published by SAM"), sam.rationale());
        assertTrue(codeDeploy.rationale().contains("sends 20 % to version 4, a weighted deployment fleetopt did not start"), codeDeploy.rationale());
    }

    @Test
    void aLatestThatDiffersFromWhatTheAliasServesIsAFinding() {
        FunctionQualifiers otherCode = new FunctionQualifiers(List.of(new FunctionAlias("live", "7", Map.of(), null, 1_400_000L, "r")),
                List.of(new PublishedVersion("7", "sha-old", 3008, 30, "PassThrough", "")), "None", "sha-new", List.of());
        Recommendation item = memoryItem(oversized("moved-on").qualifiers(otherCode));
        assertEquals(Action.REPORT_ONLY, item.action());
        assertTrue(item.rationale().contains("$LATEST runs other code than version 7"), item.rationale());
    }

    @Test
    void unknownAliasesMakeConfigurationItemsFindingsButLeaveOtherKindsAlone() {
        FunctionQualifiers unknown = new FunctionQualifiers(List.of(), List.of(), "None", "sha-1",
                List.of(FunctionQualifiers.ALIASES, FunctionQualifiers.VERSIONS, FunctionQualifiers.TRAFFIC));
        Plan plan = Analysis.plan(SnapshotBuilder.of(oversized("unknown").logsNeverExpire().qualifiers(unknown).build()));
        Recommendation memory = plan.items().stream().filter(i -> i.kind() == RecommendationKind.MEMORY).findFirst().orElseThrow();
        Recommendation retention = plan.items().stream().filter(i -> i.kind() == RecommendationKind.LOG_RETENTION).findFirst().orElseThrow();
        assertEquals(Action.REPORT_ONLY, memory.action());
        assertTrue(memory.warnings().getLast().startsWith("how it is invoked is unknown"), memory.warnings().toString());
        assertEquals(Action.APPLY, retention.action());
    }
}
