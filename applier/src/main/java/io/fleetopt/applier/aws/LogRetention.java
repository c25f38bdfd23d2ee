package io.fleetopt.applier.aws;

import java.util.Set;

/** The retention periods CloudWatch Logs accepts (PutRetentionPolicy rejects any other). */
final class LogRetention {

    static final Set<Integer> ALLOWED_DAYS = Set.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096,
            1827, 2192, 2557, 2922, 3288, 3653);

    private LogRetention() {
    }

    static void requireAllowed(int days) {
        if (!ALLOWED_DAYS.contains(days)) {
            throw new IllegalArgumentException(days + " days is not a retention CloudWatch Logs accepts "
                    + "(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, ... 3653)");
        }
    }
}
