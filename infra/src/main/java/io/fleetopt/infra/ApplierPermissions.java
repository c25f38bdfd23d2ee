package io.fleetopt.infra;

import io.fleetopt.analyzer.rules.Rule;
import io.fleetopt.analyzer.rules.RuleSet;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The IAM actions the applier needs, taken from the rules' own declarations ({@link Rule#iamActions()}), so
 * the policy cannot drift from the code. Each action is sorted by what its resource is: a function, a function's
 * log group, or a listing that only takes {@code *}. An action of another service fails the synth, so a new rule
 * that needs one is given its resource scoping here, on purpose.
 */
public final class ApplierPermissions {

    /** Read before every change (the revision id, the tags the applier re-checks). */
    static final List<String> BASE_FUNCTION_ACTIONS = List.of("lambda:GetFunction", "lambda:GetFunctionConfiguration");

    private final List<String> functionReads = new ArrayList<>();
    private final List<String> functionWrites = new ArrayList<>();
    private final List<String> logGroupListings = new ArrayList<>();
    private final List<String> logGroupWrites = new ArrayList<>();

    private ApplierPermissions(List<String> ruleActions) {
        Set<String> actions = new LinkedHashSet<>(BASE_FUNCTION_ACTIONS);
        actions.addAll(ruleActions);
        for (String action : actions) {
            String service = action.substring(0, action.indexOf(':'));
            String name = action.substring(action.indexOf(':') + 1);
            boolean reads = name.startsWith("Get") || name.startsWith("List") || name.startsWith("Describe");
            switch (service) {
                case "lambda" -> (reads ? functionReads : functionWrites).add(action);
                case "logs" -> (reads ? logGroupListings : logGroupWrites).add(action);
                default -> throw new IllegalStateException("a rule needs " + action + ": give its resource scoping in "
                        + ApplierPermissions.class.getSimpleName() + " before deploying it");
            }
        }
    }

    public static ApplierPermissions ofRules(List<Rule> rules) {
        // only the rules whose items the applier may change: report-only findings need no permission
        return new ApplierPermissions(RuleSet.applierIamActions(rules));
    }

    public static ApplierPermissions standard() {
        return ofRules(RuleSet.standard());
    }

    /** Reads of one function, on the functions in scope. */
    public List<String> functionReads() {
        return List.copyOf(functionReads);
    }

    /** Changes to one function: only on functions in scope, never on the optimizer's own. */
    public List<String> functionWrites() {
        return List.copyOf(functionWrites);
    }

    /** Listings of log groups: CloudWatch Logs scopes them to the account and region only. */
    public List<String> logGroupListings() {
        return List.copyOf(logGroupListings);
    }

    /** Changes to a function's log group ({@code /aws/lambda/<name>}): only in scope, never the optimizer's own. */
    public List<String> logGroupWrites() {
        return List.copyOf(logGroupWrites);
    }
}
