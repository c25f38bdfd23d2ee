package io.fleetopt.infra;

import io.fleetopt.applier.aws.LambdaFunctionConfigurator;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The IAM actions the applier needs, taken from its Lambda adapter's own declaration
 * ({@link LambdaFunctionConfigurator#IAM_ACTIONS}: the reads before each change and each change kind's actions from
 * the registry), so the policy cannot drift from the code. Each action is sorted by what its resource is: a function,
 * a function's log group, a listing, or an account-level read that only takes {@code *}. An action of another service
 * fails the synth, so a new change kind that needs one is given its resource scoping here, on purpose.
 */
public final class ApplierPermissions {

    /** Lambda actions with no resource but the account (GetAccountSettings: the unreserved concurrency guard). */
    static final List<String> ACCOUNT_LEVEL_ACTIONS = List.of("lambda:GetAccountSettings");

    private final List<String> accountReads = new ArrayList<>();
    private final List<String> functionReads = new ArrayList<>();
    private final List<String> functionWrites = new ArrayList<>();
    private final List<String> logGroupListings = new ArrayList<>();
    private final List<String> logGroupWrites = new ArrayList<>();

    private ApplierPermissions(List<String> declared) {
        Set<String> actions = new LinkedHashSet<>(declared);
        for (String action : actions) {
            if (ACCOUNT_LEVEL_ACTIONS.contains(action)) {
                accountReads.add(action);
                continue;
            }
            String service = action.substring(0, action.indexOf(':'));
            String name = action.substring(action.indexOf(':') + 1);
            boolean reads = name.startsWith("Get") || name.startsWith("List") || name.startsWith("Describe");
            switch (service) {
                case "lambda" -> (reads ? functionReads : functionWrites).add(action);
                case "logs" -> (reads ? logGroupListings : logGroupWrites).add(action);
                default -> throw new IllegalStateException("the applier calls " + action + ": give its resource scoping in "
                        + ApplierPermissions.class.getSimpleName() + " before deploying it");
            }
        }
    }

    public static ApplierPermissions of(List<String> declared) {
        return new ApplierPermissions(declared);
    }

    /** What the applier's Lambda adapter declares it calls. */
    public static ApplierPermissions standard() {
        return of(LambdaFunctionConfigurator.IAM_ACTIONS);
    }

    /** Account-level reads: Lambda only accepts Resource {@code *} for them. */
    public List<String> accountReads() {
        return List.copyOf(accountReads);
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
