package io.fleetopt.notifier.approval.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/** The local review links' HMAC key: 32 random bytes in a file only its owner may read (0600), made on first use. */
public final class LinkKeyFile {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private LinkKeyFile() {
    }

    public static byte[] loadOrCreate(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (!Files.exists(file)) {
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                    Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
                } catch (FileAlreadyExistsException another) {
                    // another process made it first: use theirs
                }
            }
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (!OWNER_ONLY.containsAll(permissions)) {
                throw new IllegalStateException(file + " is readable by others (" + PosixFilePermissions.toString(permissions)
                        + "): anyone who reads it can sign review links. Run `chmod 600 " + file + "`");
            }
            return Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or create the review link key " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(file + " is not a review link key (base64); delete it to make a new one", e);
        }
    }
}
