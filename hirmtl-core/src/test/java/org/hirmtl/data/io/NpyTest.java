package org.hirmtl.data.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.hirmtl.api.data.DenseMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {
    @TempDir
    Path tmp;

    @Test
    void writesNumpyCompatibleHeadersAndRoundTrips() throws Exception {
        DenseMap m = DenseMap.zeros(3, 2, 2);
        for (int i = 0; i < 12; i++) {
            m.data()[i] = i;
        }
        Path f = tmp.resolve("n.npy");
        Npy.writeHwc(f, m);
        String header = new String(Files.readAllBytes(f), 0, 100, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertEquals(true, header.contains("'descr': '<f4'"), header);
        assertEquals(true, header.contains("'fortran_order': False"), header);
        assertEquals(true, header.replace(" ", "").contains("(2,2,3"), header);
        assertEquals(m, Npy.readMap(f));
        assertArrayEquals(new int[] {2, 2, 3}, Npy.shape(f));
    }

    @Test
    void aTruncatedFileIsAnErrorNamingIt() throws Exception {
        Path f = tmp.resolve("t.npy");
        Npy.writeHw(f, DenseMap.zeros(1, 4, 4));
        byte[] all = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(all, all.length - 8));
        var e = org.junit.jupiter.api.Assertions.assertThrows(org.hirmtl.data.DataFormatException.class,
                () -> Npy.readMap(f));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("t.npy"), e.getMessage());
    }
}
