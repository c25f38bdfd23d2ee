package io.fleetopt.core.model;

import java.util.List;

/** The retention periods CloudWatch Logs accepts (PutRetentionPolicy rejects any other number). */
public final class LogRetentionDays {

    public static final List<Integer> ALLOWED = List.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731,
            1096, 1827, 2192, 2557, 2922, 3288, 3653);

    private LogRetentionDays() {
    }

    public static boolean isAllowed(int days) {
        return ALLOWED.contains(days);
    }

    public static String allowedText() {
        return "one of " + ALLOWED;
    }
}
