package io.fleetopt.cli;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The state folder must be a folder this process can write (it is created when missing): otherwise the command is
 * refused before anything runs, with the path and the fix, rather than failing halfway through a write.
 */
final class StateDirCheck {

    private StateDirCheck() {
    }

    static void requireUsable(Path stateDir) {
        Path dir = stateDir.toAbsolutePath().normalize();
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UsageException("--state-dir " + dir + " is a file, not a folder: point --state-dir at a folder"
                    + " (it is created when missing)");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UsageException("--state-dir " + dir + " cannot be created (" + reason(e) + "): point --state-dir at"
                    + " a folder you can write");
        }
        try {
            // a file of its own: two commands checking the same folder at once must not trip over each other
            Files.delete(Files.createTempFile(dir, ".fleetopt-write-check", null));
        } catch (IOException e) {
            throw new UsageException("--state-dir " + dir + " is not writable (" + reason(e) + "): make it writable or"
                    + " point --state-dir at a folder you can write");
        }
    }

    private static String reason(IOException e) {
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getClass().getSimpleName();
    }
}
