package io.fleetopt.cli;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** Run ids read as the day they ran plus a short random suffix: "2026-11-02-3fa9". */
final class RunIds {

    private RunIds() {
    }

    static String next(Clock clock) {
        byte[] suffix = new byte[2];
        ThreadLocalRandom.current().nextBytes(suffix);
        return LocalDate.now(clock) + "-" + HexFormat.of().formatHex(suffix);
    }

    static void requireValid(String runId) {
        if (!runId.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,79}")) {
            throw new UsageException("run id '" + runId + "' is not a run id (letters, digits, '.', '_' and '-', like 2026-11-02-3fa9)");
        }
    }
}
