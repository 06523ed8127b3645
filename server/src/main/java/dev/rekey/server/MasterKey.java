package dev.rekey.server;

import dev.rekey.core.SecretBox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

/**
 * The key that seals secrets at rest: REKEY_MASTER_KEY (base64 of 32 bytes) if set, else the key file (created 0600
 * on first start). Every node of one deployment must use the same key; the store checks its fingerprint.
 */
final class MasterKey {
    private MasterKey() {
    }

    static SecretBox load(String fromEnv, Path keyFile) {
        if (fromEnv != null && !fromEnv.isBlank()) {
            try {
                return new SecretBox(Base64.getDecoder().decode(fromEnv.trim()));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("REKEY_MASTER_KEY must be the base64 encoding of 32 random bytes");
            }
        }
        try {
            if (!Files.exists(keyFile)) {
                Files.createDirectories(keyFile.toAbsolutePath().getParent());
                Path tmp = Files.createTempFile(keyFile.toAbsolutePath().getParent(), ".master", ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(tmp, Base64.getEncoder().encodeToString(SecretBox.newKey()) + "\n");
                Files.move(tmp, keyFile);
            }
            return new SecretBox(Base64.getDecoder().decode(Files.readString(keyFile).trim()));
        } catch (IOException e) {
            throw new ConfigException("cannot read or create the master key file " + keyFile + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("the master key file " + keyFile + " does not hold a base64 32-byte key");
        }
    }
}
