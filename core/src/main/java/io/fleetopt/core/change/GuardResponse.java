package io.fleetopt.core.change;

import java.util.Locale;

/**
 * What happens when a guard alarm fires, which depends on where fleetopt runs; the summary says it in these words,
 * and only these.
 */
public enum GuardResponse {
    /** The deployed stack: EventBridge routes a guard alarm's ALARM to the Rollback function. */
    ROLLS_BACK_ON_ALARM,
    /** The demo account from the command line: its guard alarms are evaluated on its own metrics as its calendar moves. */
    DEMO_ROLLS_BACK_NEXT_WEEK,
    /** A real account from the command line: there is no EventBridge rule, nothing acts on an alarm. */
    NOTHING_ROLLS_BACK;

    public String sentence(GuardWindow window) {
        return switch (this) {
            case ROLLS_BACK_ON_ALARM -> String.format(Locale.ROOT, "A guard alarm that goes into ALARM within %d days of a "
                    + "change rolls that function's changes of the run back on its own, unless someone changed them since, "
                    + "and a notice says what it restored and why.", window.days());
            case DEMO_ROLLS_BACK_NEXT_WEEK -> String.format(Locale.ROOT, "On the demo account, when --next-week moves its "
                    + "calendar, the guard alarms are evaluated against the demo's own metrics, and a function whose alarm is "
                    + "in ALARM within %d days of its change has that run's changes rolled back, with a notice.", window.days());
            case NOTHING_ROLLS_BACK -> "From the command line nothing rolls a change back by itself when its guard alarm "
                    + "fires (there is no EventBridge rule and no alarm action here): the run's rollback command does.";
        };
    }
}
