package io.fleetopt.core.local;

import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.json.InvalidDocumentException;
import io.fleetopt.core.port.ChangeLedger;
import io.fleetopt.core.port.LedgerEntry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/** The change ledger as a JSON-lines file: one entry a line, appended and forced to disk before returning. */
public final class JsonLinesChangeLedger implements ChangeLedger {

    private final Path file;
    private final DocumentCodec codec;

    public JsonLinesChangeLedger(Path file, DocumentCodec codec) {
        this.file = file;
        this.codec = codec;
    }

    @Override
    public void append(LedgerEntry entry) {
        byte[] line = (codec.writeLine(entry) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE)) {
                channel.write(java.nio.ByteBuffer.wrap(line));
                channel.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not append to the change ledger " + file, e);
        }
    }

    @Override
    public List<LedgerEntry> entries() {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the change ledger " + file, e);
        }
        List<LedgerEntry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                entries.add(parse(lines.get(i), file + " line " + (i + 1)));
            }
        }
        return entries;
    }

    private LedgerEntry parse(String line, String source) {
        LedgerEntry entry = codec.read(line, LedgerEntry.class, source);
        if (entry.runId() == null || entry.itemId() == null || entry.kind() == null || entry.action() == null) {
            throw new InvalidDocumentException(source + ": a ledger entry needs runId, itemId, kind and action");
        }
        return entry;
    }
}
