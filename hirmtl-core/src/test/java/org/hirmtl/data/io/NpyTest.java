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
        var e = org.junit.jupiter.api.Assertions.assertThrows(org.hirmtl.data.io.DataFormatException.class,
                () -> Npy.readMap(f));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("t.npy"), e.getMessage());
    }

    /** Writes a .npy file as numpy does (version 1.0 header padded to 64 bytes), with a raw payload. */
    private Path npy(String name, String descr, boolean fortran, String shape, byte[] payload) throws Exception {
        String dict = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': ("
                + shape + "), }";
        int total = 10 + dict.length() + 1;
        int pad = (64 - total % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        out.write(header.length() & 0xff);
        out.write(header.length() >> 8);
        out.write(header.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        out.write(payload);
        return Files.write(tmp.resolve(name), out.toByteArray());
    }

    private static byte[] doubles(double... v) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 * v.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (double x : v) {
            b.putDouble(x);
        }
        return b.array();
    }

    @Test
    void fortranOrderFloat64IsReadAsItsValues() throws Exception {
        // numpy: np.asfortranarray(np.arange(12.).reshape(3, 4)) stores column by column
        double[] columnMajor = new double[12];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 4; c++) {
                columnMajor[c * 3 + r] = r * 4 + c;
            }
        }
        Path f = npy("f.npy", "<f8", true, "3, 4", doubles(columnMajor));
        DenseMap m = Npy.readMap(f);
        assertArrayEquals(new int[] {3, 4}, Npy.shape(f));
        for (int i = 0; i < 12; i++) {
            assertEquals(i, m.data()[i], "element " + i);
        }
        // (H, W, C) = (2, 3, 2) Fortran order: value = 100h + 10w + c
        double[] hwc = new double[12];
        for (int h = 0; h < 2; h++) {
            for (int w = 0; w < 3; w++) {
                for (int c = 0; c < 2; c++) {
                    hwc[(c * 3 + w) * 2 + h] = 100 * h + 10 * w + c;
                }
            }
        }
        DenseMap n = Npy.readMap(npy("n.npy", "<f8", true, "2, 3, 2", doubles(hwc)));
        assertEquals(2, n.channels());
        assertEquals(121f, n.get(1, 1, 2));
        assertEquals(20f, n.get(0, 0, 2));
    }

    @Test
    void integerDtypesKeepTheirSign() throws Exception {
        DenseMap signed = Npy.readMap(npy("i1.npy", "|i1", false, "1, 3", new byte[] {-6, 0, 5}));
        assertArrayEquals(new float[] {-6, 0, 5}, signed.data());
        DenseMap u1 = Npy.readMap(npy("u1.npy", "|u1", false, "1, 2", new byte[] {(byte) 200, 40}));
        assertArrayEquals(new float[] {200, 40}, u1.data());
        DenseMap u2 = Npy.readMap(npy("u2.npy", "<u2", false, "1, 2", new byte[] {(byte) 0xff, (byte) 0xff, 1, 0}));
        assertArrayEquals(new float[] {65535, 1}, u2.data());
        var half = org.junit.jupiter.api.Assertions.assertThrows(org.hirmtl.data.io.DataFormatException.class,
                () -> Npy.readMap(npy("h.npy", "<f2", false, "1, 2", new byte[4])));
        org.junit.jupiter.api.Assertions.assertTrue(half.getMessage().contains("float16"), half.getMessage());
    }
}
