package io.fleetopt.core.local;

import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.json.InvalidDocumentException;
import io.fleetopt.core.port.ChangeLedger;
import io.fleetopt.core.port.LedgerEntry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The change ledger as a JSON-lines file: one entry a line. Every read and write holds an exclusive lock (a file
 * lock on {@code <file>.lock} between processes, and one lock per file between threads of a process, which file
 * locks do not separate); an entry is written only if its slot is free, and forced to disk before {@link #record}
 * returns. A torn last line (a crash in the middle of writing it, so never acknowledged) is moved aside to
 * {@code <file>.torn-<millis>} and the ledger goes on from the last whole line; {@link #repairs()} says so.
 */
public final class JsonLinesChangeLedger implements ChangeLedger {

    /** File locks are held per process, so threads of one process need their own lock for each file. */
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final Path file;
    private final Path lockFile;
    private final DocumentCodec codec;
    private final List<String> repairs = new ArrayList<>();

    public JsonLinesChangeLedger(Path file, DocumentCodec codec) {
        this.file = file.toAbsolutePath().normalize();
        this.lockFile = this.file.resolveSibling(this.file.getFileName() + ".lock");
        this.codec = codec;
    }

    @Override
    public boolean record(LedgerEntry entry) {
        byte[] line = (codec.writeLine(entry) + "\n").getBytes(StandardCharsets.UTF_8);
        return locked(() -> {
            List<LedgerEntry> existing = readRepairing();
            boolean taken = existing.stream().anyMatch(e -> e.runId().equals(entry.runId()) && e.slotKey().equals(entry.slotKey()));
            if (taken) {
                return false;
            }
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(line);
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            } catch (IOException e) {
                throw new UncheckedIOException("could not append to the change ledger " + file, e);
            }
            return true;
        });
    }

    /** Every entry, in the order they were written. */
    public List<LedgerEntry> entries() {
        return locked(this::readRepairing);
    }

    @Override
    public List<LedgerEntry> entriesOfRun(String runId) {
        return filtered(e -> e.runId().equals(runId));
    }

    @Override
    public List<LedgerEntry> entriesOfFunction(String functionArn) {
        return filtered(e -> e.functionArn().equals(functionArn));
    }

    @Override
    public List<LedgerEntry> entriesBetween(Instant from, Instant toExclusive) {
        return filtered(e -> !e.at().isBefore(from) && e.at().isBefore(toExclusive));
    }

    /** What was repaired while reading, for the user to hear about (a torn last line moved aside). */
    public synchronized List<String> repairs() {
        return List.copyOf(repairs);
    }

    private List<LedgerEntry> filtered(Predicate<LedgerEntry> which) {
        return entries().stream().filter(which).toList();
    }

    private <T> T locked(Supplier<T> work) {
        ReentrantLock threads = IN_PROCESS.computeIfAbsent(file, f -> new ReentrantLock());
        threads.lock();
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                return work.get();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not lock the change ledger " + file + " (" + e.getMessage() + ")", e);
        } finally {
            threads.unlock();
        }
    }

    /** Reads every whole line; a torn last line is moved aside first. Holds the lock. */
    private List<LedgerEntry> readRepairing() {
        if (!Files.exists(file)) {
            return List.of();
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the change ledger " + file, e);
        }
        int end = bytes.length;
        if (end > 0 && bytes[end - 1] != '\n') {
            end = repairTornTail(bytes);
        }
        String text = new String(bytes, 0, end, StandardCharsets.UTF_8);
        List<LedgerEntry> entries = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                entries.add(parse(lines[i], file + " line " + (i + 1)));
            }
        }
        return entries;
    }

    /** Cuts the file after its last whole line, keeping the torn bytes beside it; returns the new length. */
    private int repairTornTail(byte[] bytes) {
        int lastNewline = bytes.length - 1;
        while (lastNewline >= 0 && bytes[lastNewline] != '\n') {
            lastNewline--;
        }
        int keep = lastNewline + 1;
        Path aside = file.resolveSibling(file.getFileName() + ".torn-" + System.currentTimeMillis());
        try {
            Files.write(aside, java.util.Arrays.copyOfRange(bytes, keep, bytes.length));
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.truncate(keep);
                channel.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the change ledger " + file + " ends in a torn line that could not be repaired ("
                    + e.getMessage() + "); move its last line aside by hand (it was never acknowledged)", e);
        }
        synchronized (this) {
            repairs.add("the change ledger " + file + " ended in a torn line (a write cut short, never acknowledged); "
                    + "it was moved aside to " + aside + " and the ledger goes on from the last whole line");
        }
        return keep;
    }

    private LedgerEntry parse(String line, String source) {
        LedgerEntry entry = codec.read(line, LedgerEntry.class, source);
        if (entry.runId() == null || entry.itemId() == null || entry.kind() == null || entry.action() == null) {
            throw new InvalidDocumentException(source + ": a ledger entry needs runId, itemId, kind and action");
        }
        return entry;
    }
}
