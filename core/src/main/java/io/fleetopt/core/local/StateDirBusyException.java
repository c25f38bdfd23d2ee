package io.fleetopt.core.local;

import java.nio.file.Path;

/** Another fleetopt command is changing things in the same state folder: this one changed nothing. */
public final class StateDirBusyException extends RuntimeException {

    public StateDirBusyException(Path stateDir, String holder) {
        super("another fleetopt command is working in " + stateDir + (holder.isBlank() ? "" : " (" + holder + ")")
                + "; nothing was changed. Wait for it to finish, then run this again");
    }
}
