package io.fleetopt.applier;

import io.fleetopt.core.model.FleetSnapshot;
import io.fleetopt.core.model.FunctionProfile;

import java.util.HashMap;
import java.util.Map;

/** What the run's snapshot saw of each function, by ARN: the evidence the guards recompute the floors from. */
public final class RunEvidence {

    private static final RunEvidence NONE = new RunEvidence(Map.of());

    private final Map<String, FunctionProfile> byArn;

    private RunEvidence(Map<String, FunctionProfile> byArn) {
        this.byArn = byArn;
    }

    public static RunEvidence of(FleetSnapshot snapshot) {
        Map<String, FunctionProfile> byArn = new HashMap<>();
        snapshot.functions().forEach(f -> byArn.put(f.arn(), f));
        return new RunEvidence(Map.copyOf(byArn));
    }

    /** The evidence of one function (what one apply iteration reads, {@code FunctionEvidence}). */
    public static RunEvidence of(FunctionProfile profile) {
        return new RunEvidence(Map.of(profile.arn(), profile));
    }

    /** No snapshot: an apply is refused for want of evidence; a rollback checks its values against AWS's limits only. */
    public static RunEvidence none() {
        return NONE;
    }

    /** The function as the snapshot saw it, or null. */
    FunctionProfile profile(String functionArn) {
        return byArn.get(functionArn);
    }
}
