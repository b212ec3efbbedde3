package org.hirmtl.data.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Atomic writes: a failed write leaves the previous file and no temporary; a full disk says what and how much. */
class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void aFullDiskNamesTheFileTheSpaceAndWhatIsIntact() throws Exception {
        Path last = dir.resolve("last.zip");
        Files.writeString(last, "previous");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(last, tmp -> {
            Files.writeString(tmp, "half");
            throw new FileSystemException(tmp.toString(), null, "No space left on device");
        }, 3 * 1048576L));
        assertTrue(e.getMessage().startsWith("cannot write " + last + ": no space left on device ("), e.getMessage());
        assertTrue(e.getMessage().contains(" MiB free on ") && e.getMessage().contains("; it needs about 3.0 MiB); "
                + "the previous last.zip is intact: free some space and run again"), e.getMessage());
        assertEquals("previous", Files.readString(last));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left");
        }
        IOException first = assertThrows(IOException.class, () -> AtomicFiles.write(dir.resolve("new.zip"), tmp -> {
            throw new IOException("No space left on device");
        }));
        assertTrue(first.getMessage().endsWith("); nothing was written: free some space and run again"),
                first.getMessage());
    }

    @Test
    void otherErrorsPassUnchanged() {
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(dir.resolve("x"), tmp -> {
            throw new IOException("Input/output error");
        }));
        assertEquals("Input/output error", e.getMessage());
    }
}
