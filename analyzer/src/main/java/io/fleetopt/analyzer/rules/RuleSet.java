package io.fleetopt.analyzer.rules;

import java.util.List;

/** The registered rules, in the order their items are listed for one function. Register a new rule here. */
public final class RuleSet {

    private RuleSet() {
    }

    public static List<Rule> standard() {
        return List.of(new MemoryRule(), new TimeoutRule(), new LogRetentionRule());
    }
}
