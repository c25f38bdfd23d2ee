package io.fleetopt.analyzer.rules;

import io.fleetopt.core.model.RecommendationKind;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Infra derives the applier's permissions from these declarations, so they must be right. */
class RuleSetTest {

    private final List<Rule> rules = RuleSet.standard();

    @Test
    void hasOneRuleForEveryKind() {
        assertEquals(Set.of(RecommendationKind.values()), rules.stream().map(Rule::kind).collect(Collectors.toSet()));
        assertEquals(RecommendationKind.values().length, rules.size());
    }

    @Test
    void onlyRulesForSettingsTheApplierCanChangeMayApply() {
        for (Rule rule : rules) {
            if (rule.canApply()) {
                assertTrue(rule.kind().isSetting(), rule.kind() + " can apply but the applier cannot change it");
                assertFalse(rule.iamActions().isEmpty(), rule.kind() + " can apply without IAM actions");
            }
        }
    }

    @Test
    void declaresIamActionsAsServicePrefixAndAction() {
        for (Rule rule : rules) {
            for (String action : rule.iamActions()) {
                assertTrue(action.matches("[a-z0-9]+:[A-Z][A-Za-z]+"), rule.kind() + " declares '" + action + "'");
            }
        }
    }

    @Test
    void grantsTheApplierOnlyWhatTheApplicableRulesNeed() {
        assertEquals(List.of("lambda:DeleteFunctionConcurrency", "lambda:GetAccountSettings",
                "lambda:GetFunctionConfiguration", "lambda:PutFunctionConcurrency", "lambda:UpdateFunctionConfiguration",
                "logs:DeleteRetentionPolicy", "logs:DescribeLogGroups", "logs:PutRetentionPolicy"), RuleSet.applierIamActions(rules));
    }

    @Test
    void guardsChangesWithAlarmsAfterEveryOtherRule() {
        assertEquals(RecommendationKind.ALARMS, rules.getLast().kind());
    }
}
