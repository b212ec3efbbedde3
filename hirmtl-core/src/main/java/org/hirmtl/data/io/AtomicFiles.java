package org.hirmtl.data.io;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes files so that readers never see a partial one: the content goes to a temporary sibling ({@code *.part}), which
 * is then renamed over the target (atomically where the file system can); on failure the temporary file is removed and
 * the target is untouched.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Writes a file's content to the given (temporary) path. */
    @FunctionalInterface
    public interface Content {
        /** @param file where to write */
        void writeTo(Path file) throws IOException;
    }

    /** Writes {@code target} through a temporary sibling and a rename; creates the parent folders. */
    public static void write(Path target, Content content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, target.getFileName().toString(), ".part");
        try {
            content.writeTo(tmp);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
