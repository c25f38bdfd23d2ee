package io.fleetopt.core.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StateDirLockTest {

    @TempDir
    Path dir;

    @Test
    void aSecondWriterIsTurnedAwayWithWhoHoldsTheFolderUntilTheFirstIsDone() {
        try (StateDirLock first = StateDirLock.acquire(dir, "fleetopt apply")) {
            StateDirBusyException busy = assertThrows(StateDirBusyException.class, () -> StateDirLock.acquire(dir, "fleetopt run"));
            assertTrue(busy.getMessage().startsWith("another fleetopt command is working in " + dir + " (pid "
                    + ProcessHandle.current().pid() + ", this same process)"), busy.getMessage());
            assertThrows(StateDirBusyException.class, () -> StateDirLock.acquire(dir, "fleetopt rollback"),
                    "turning the second one away did not drop the first one's lock");
            assertTrue(busy.getMessage().endsWith("; nothing was changed. Wait for it to finish, then run this again"), busy.getMessage());
        }
        StateDirLock.acquire(dir, "fleetopt run").close();
    }
}
