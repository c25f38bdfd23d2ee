package io.fleetopt.applier;

import io.fleetopt.core.scope.Scope;

import java.util.List;

/**
 * What the guards check every change against, from the deployment's configuration (never from the plan): the
 * scope (regions, tags, name patterns), the name prefix of the optimizer's own functions, and the safety floors.
 *
 * @param regions                  regions the applier may change (none: any)
 * @param scope                    tags and name patterns a function must match
 * @param ownNamePrefix            functions whose name starts with this are the optimizer's own
 * @param headroomPercent          memory never below max used plus this much
 * @param timeoutFloorFactor       a timeout never below the longest observed invocation times this
 * @param minUnreservedConcurrency the account's unreserved concurrency never goes below this
 */
public record GuardSettings(List<String> regions, Scope scope, String ownNamePrefix, int headroomPercent,
                            double timeoutFloorFactor, int minUnreservedConcurrency) {

    public static final String DEFAULT_OWN_NAME_PREFIX = "fleetopt-";
    public static final int DEFAULT_HEADROOM_PERCENT = 20;
    public static final double DEFAULT_TIMEOUT_FLOOR_FACTOR = 1.5;
    public static final int DEFAULT_MIN_UNRESERVED = 100;

    public GuardSettings {
        regions = List.copyOf(regions);
        if (headroomPercent < 0 || headroomPercent > 400) {
            throw new IllegalArgumentException("the guards' headroom must be 0 to 400 %, got " + headroomPercent);
        }
        if (timeoutFloorFactor < 1.0) {
            throw new IllegalArgumentException("the guards' timeout floor factor must be at least 1, got " + timeoutFloorFactor);
        }
        if (minUnreservedConcurrency < 100) {
            throw new IllegalArgumentException("Lambda keeps at least 100 unreserved; the guards' minimum cannot be "
                    + minUnreservedConcurrency);
        }
    }

    /** The defaults, with this deployment's scope. */
    public static GuardSettings forScope(List<String> regions, Scope scope) {
        return new GuardSettings(regions, scope, DEFAULT_OWN_NAME_PREFIX, DEFAULT_HEADROOM_PERCENT,
                DEFAULT_TIMEOUT_FLOOR_FACTOR, DEFAULT_MIN_UNRESERVED);
    }
}
