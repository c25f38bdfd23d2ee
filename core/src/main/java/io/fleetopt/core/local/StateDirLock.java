package io.fleetopt.core.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One writer at a time in a state folder: held by a command that may change the account (run, apply, rollback)
 * from start to end. A second command, in another process or this one, gets {@link StateDirBusyException} at once
 * and changes nothing. The operating system drops the lock when its process dies, so a crash never leaves it held.
 */
public final class StateDirLock implements AutoCloseable {

    public static final String LOCK_FILE = "writer.lock";

    /**
     * The folders this process holds. A second channel on a lock file must never be opened and closed here: closing
     * any channel of a file drops every lock the process holds on it (POSIX record locks), the first holder's too.
     */
    private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private StateDirLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock of {@code stateDir}, or throws {@link StateDirBusyException} naming who holds it. */
    public static StateDirLock acquire(Path stateDir, String what) {
        Path file = stateDir.resolve(LOCK_FILE).toAbsolutePath().normalize();
        if (!HELD_HERE.add(file)) {
            // not read from the file: even a read would drop this process's lock on it
            throw new StateDirBusyException(stateDir, "pid " + ProcessHandle.current().pid() + ", this same process");
        }
        FileChannel channel = null;
        try {
            Files.createDirectories(stateDir);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException heldInThisProcess) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                HELD_HERE.remove(file);
                throw new StateDirBusyException(stateDir, holder(file));
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + ", " + what + ", since " + Instant.now())
                    .getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(true);
            return new StateDirLock(file, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            HELD_HERE.remove(file);
            throw new UncheckedIOException("could not lock the state folder " + stateDir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("could not release the state folder's lock", e);
        } finally {
            HELD_HERE.remove(file);
        }
    }

    /** Who holds the lock (another process), as its holder wrote it; reading takes no lock. */
    private static String holder(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8).trim() : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException suppressed) {
                // the lock was never taken; the first failure is the one to report
            }
        }
    }
}
