package org.hirmtl.data.io;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes files so that readers never see a partial one: the content goes to a temporary sibling ({@code *.part}), which
 * is then renamed over the target (atomically where the file system can); on failure the temporary file is removed and
 * the target is untouched. A process killed during a write can leave its temporary file behind:
 * {@link #removeTemporaryFiles} clears them (the trainer does at every start and resume).
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
        write(target, content, -1);
    }

    /**
     * As {@link #write(Path, Content)}; a full disk is an {@link IOException} naming the file, the free space, that
     * the previous file is intact, and (when {@code expectedBytes >= 0}) how much the new one needs.
     */
    public static void write(Path target, Content content, long expectedBytes) throws IOException {
        try {
            writeAtomically(target, content);
        } catch (IOException e) {
            if (!isDiskFull(e)) {
                throw e;
            }
            throw new IOException("cannot write " + target + ": no space left on device (" + free(target)
                    + (expectedBytes >= 0 ? "; it needs about " + mib(expectedBytes) : "") + "); "
                    + (Files.exists(target) ? "the previous " + target.getFileName() + " is intact"
                    : "nothing was written") + ": free some space and run again", e);
        }
    }

    /** Whether {@code e} (or a cause) is the operating system's "no space left on device". */
    static boolean isDiskFull(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && m.contains("No space left on device")) {
                return true;
            }
        }
        return false;
    }

    private static String free(Path target) {
        try {
            var store = Files.getFileStore(target.toAbsolutePath().getParent());
            return mib(store.getUsableSpace()) + " free on " + store;
        } catch (IOException | RuntimeException e) {
            return "free space unknown";
        }
    }

    private static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    private static void writeAtomically(Path target, Content content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, target.getFileName().toString(), ".part");
        try {
            content.writeTo(tmp);
            FailPoints.reach(target.getFileName() + ".written");
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        FailPoints.reach(target.getFileName() + ".renamed");
    }

    /**
     * Deletes the temporary files that interrupted writes left in {@code dir} (not in its sub-folders).
     *
     * @return the names of the files removed
     */
    public static List<String> removeTemporaryFiles(Path dir) throws IOException {
        List<String> removed = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return removed;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.part")) {
            for (Path f : files) {
                if (Files.isRegularFile(f) && Files.deleteIfExists(f)) {
                    removed.add(f.getFileName().toString());
                }
            }
        }
        java.util.Collections.sort(removed);
        return removed;
    }
}
