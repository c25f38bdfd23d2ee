package io.fleetopt.analyzer.rules;

import java.util.List;

/**
 * The registered rules, in the order their items are listed for one function. Register a new rule here.
 * AlarmsRule comes last: it guards what the rules before it propose to change.
 */
public final class RuleSet {

    private RuleSet() {
    }

    public static List<Rule> standard() {
        return List.of(new MemoryRule(), new TimeoutRule(), new ReservedConcurrencyRule(), new ProvisionedConcurrencyRule(),
                new LogRetentionRule(), new TracingRule(), new DeadLetterRule(), new RuntimeRule(), new ArchitectureRule(),
                new ErrorsRule(), new AlarmsRule());
    }

    /** The IAM actions the applier needs for the items {@code rules} can APPLY, sorted and distinct: infra grants these. */
    public static List<String> applierIamActions(List<Rule> rules) {
        return rules.stream().filter(Rule::canApply).flatMap(rule -> rule.iamActions().stream()).distinct().sorted().toList();
    }
}
