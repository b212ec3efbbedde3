package org.hirmtl.data.io;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.hirmtl.api.data.DenseMap;
import org.hirmtl.data.DataFormatException;
import org.jetbrains.bio.npy.NpyArray;
import org.jetbrains.bio.npy.NpyFile;

/**
 * NumPy {@code .npy} files, through JetBrains Research's {@code npy} library (pure JVM, no native code, so a truncated
 * file is an exception rather than a crash). Arrays are C-order, little-endian.
 */
public final class Npy {
    private Npy() {
    }

    /**
     * Reads a 2-D {@code (H, W)} or 3-D {@code (H, W, C)} array of any numeric type as a CHW {@link DenseMap}.
     *
     * @throws DataFormatException if the file is truncated, not an npy file, or not 2-D/3-D
     */
    public static DenseMap readMap(Path file) throws IOException {
        NpyArray a = read(file);
        int[] s = a.getShape();
        float[] v = toFloats(file, a);
        if (s.length == 2) {
            return new DenseMap(1, s[0], s[1], v);
        }
        if (s.length == 3) {
            return hwcToChw(s[0], s[1], s[2], v);
        }
        throw new DataFormatException(file, "expected a 2-D (H,W) or 3-D (H,W,C) array, got shape "
                + java.util.Arrays.toString(s));
    }

    /** Reads only the shape of the array in {@code file} (still validates the whole file). */
    public static int[] shape(Path file) throws IOException {
        return read(file).getShape();
    }

    /** Writes a single-channel map as a 2-D float32 {@code (H, W)} array. */
    public static void writeHw(Path file, DenseMap map) throws IOException {
        if (map.channels() != 1) {
            throw new IllegalArgumentException("writeHw needs one channel, got " + map.channels());
        }
        write(file, map.data(), map.height(), map.width());
    }

    /** Writes a map as a 3-D float32 {@code (H, W, C)} array (NYUD normals layout). */
    public static void writeHwc(Path file, DenseMap map) throws IOException {
        int c = map.channels();
        int n = map.pixels();
        float[] out = new float[c * n];
        float[] in = map.data();
        for (int ch = 0; ch < c; ch++) {
            for (int p = 0; p < n; p++) {
                out[p * c + ch] = in[ch * n + p];
            }
        }
        write(file, out, map.height(), map.width(), c);
    }

    private static void write(Path file, float[] data, int... shape) throws IOException {
        try {
            NpyFile.write(file, data, shape, ByteOrder.LITTLE_ENDIAN);
        } catch (RuntimeException e) {
            throw new IOException(file + ": cannot write: " + e.getMessage(), e);
        }
    }

    private static NpyArray read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString());
        }
        NpyArray a;
        try {
            a = NpyFile.read(file, Integer.MAX_VALUE);
        } catch (RuntimeException | Error e) {
            if (e instanceof VirtualMachineError vme) {
                throw vme;
            }
            throw new DataFormatException(file, "not a readable .npy file (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        }
        checkLength(file, a);
        return a;
    }

    /** The library does not notice a truncated payload: compare the file's data bytes with the header's shape. */
    private static void checkLength(Path file, NpyArray a) throws IOException {
        byte[] head = new byte[12];
        try (var in = Files.newInputStream(file)) {
            if (in.readNBytes(head, 0, 12) < 12) {
                throw new DataFormatException(file, "truncated .npy header");
            }
        }
        int major = head[6] & 0xff;
        long headerLen = major == 1 ? (head[8] & 0xff) | (head[9] & 0xff) << 8
                : (head[8] & 0xffL) | (head[9] & 0xffL) << 8 | (head[10] & 0xffL) << 16 | (head[11] & 0xffL) << 24;
        long offset = (major == 1 ? 10 : 12) + headerLen;
        long elements = 1;
        for (int d : a.getShape()) {
            elements *= d;
        }
        long expected = elements * itemSize(a.getData());
        long actual = Files.size(file) - offset;
        if (itemSize(a.getData()) > 0 && actual != expected) {
            throw new DataFormatException(file, "truncated or padded .npy file: shape "
                    + java.util.Arrays.toString(a.getShape()) + " needs " + expected + " data bytes, found " + actual);
        }
    }

    private static int itemSize(Object data) {
        if (data instanceof byte[] || data instanceof boolean[]) {
            return 1;
        }
        if (data instanceof short[]) {
            return 2;
        }
        if (data instanceof float[] || data instanceof int[]) {
            return 4;
        }
        if (data instanceof double[] || data instanceof long[]) {
            return 8;
        }
        return 0;
    }

    private static float[] toFloats(Path file, NpyArray a) throws DataFormatException {
        Object d = a.getData();
        if (d instanceof float[] f) {
            return f;
        }
        if (d instanceof double[] x) {
            float[] f = new float[x.length];
            for (int i = 0; i < x.length; i++) {
                f[i] = (float) x[i];
            }
            return f;
        }
        if (d instanceof byte[] x) {
            float[] f = new float[x.length];
            for (int i = 0; i < x.length; i++) {
                f[i] = x[i] & 0xff;
            }
            return f;
        }
        if (d instanceof boolean[] x) {
            float[] f = new float[x.length];
            for (int i = 0; i < x.length; i++) {
                f[i] = x[i] ? 1f : 0f;
            }
            return f;
        }
        if (d instanceof short[] x) {
            float[] f = new float[x.length];
            for (int i = 0; i < x.length; i++) {
                f[i] = x[i];
            }
            return f;
        }
        if (d instanceof int[] x) {
            float[] f = new float[x.length];
            for (int i = 0; i < x.length; i++) {
                f[i] = x[i];
            }
            return f;
        }
        if (d instanceof long[] x) {
            float[] f = new float[x.length];
            for (int i = 0; i < x.length; i++) {
                f[i] = x[i];
            }
            return f;
        }
        throw new DataFormatException(file, "unsupported npy dtype " + d.getClass().getSimpleName());
    }

    private static DenseMap hwcToChw(int h, int w, int c, float[] v) {
        float[] out = new float[v.length];
        int n = h * w;
        for (int p = 0; p < n; p++) {
            for (int ch = 0; ch < c; ch++) {
                out[ch * n + p] = v[p * c + ch];
            }
        }
        return new DenseMap(c, h, w, out);
    }
}
