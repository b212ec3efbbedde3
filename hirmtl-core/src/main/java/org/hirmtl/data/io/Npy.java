package org.hirmtl.data.io;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.hirmtl.api.data.DenseMap;
import org.jetbrains.bio.npy.NpyArray;
import org.jetbrains.bio.npy.NpyFile;

/**
 * NumPy {@code .npy} files, through JetBrains Research's {@code npy} library (pure JVM, no native code, so a truncated
 * file is an exception rather than a crash). Reads C- and Fortran-order arrays (what MATLAB/scipy conversions
 * write), any byte order, and every numeric dtype — signed and unsigned integers, float16 excepted — as floats;
 * writes C-order little-endian float32.
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
        Header h = header(file);
        NpyArray a = h.fortran() ? readFortran(file) : read(file);
        int[] s = h.fortran() ? reversed(a.getShape()) : a.getShape();
        float[] v = toFloats(file, a, h);
        if (h.fortran()) {
            v = fromFortran(v, s);
        }
        if (s.length == 2) {
            return new DenseMap(1, s[0], s[1], v);
        }
        if (s.length == 3) {
            return hwcToChw(s[0], s[1], s[2], v);
        }
        throw new DataFormatException(file, "expected a 2-D (H,W) or 3-D (H,W,C) array, got shape "
                + java.util.Arrays.toString(s));
    }

    /**
     * An array of any rank as float values in C order.
     *
     * @param shape the dimensions (empty for a scalar)
     * @param data  the values, {@code product(shape)} of them
     */
    public record NdArray(int[] shape, float[] data) {
    }

    /** Reads an array of any rank (0-D scalars included) and numeric dtype as float values in C order. */
    public static NdArray readArray(Path file) throws IOException {
        Header h = header(file);
        if (SCALAR.matcher(headerText(file)).find()) {
            return new NdArray(new int[0], new float[] {scalar(file, h)});
        }
        NpyArray a = h.fortran() ? readFortran(file) : read(file);
        int[] s = h.fortran() ? reversed(a.getShape()) : a.getShape();
        float[] v = toFloats(file, a, h);
        return new NdArray(s, h.fortran() ? fromFortran(v, s) : v);
    }

    /**
     * Reads every array of a NumPy {@code .npz} archive ({@code np.savez}, stored or deflated), by name without the
     * {@code .npy} suffix, in archive order.
     */
    public static java.util.Map<String, NdArray> readNpz(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString());
        }
        java.util.Map<String, NdArray> out = new java.util.LinkedHashMap<>();
        Path tmp = Files.createTempFile("hirmtl-npz", ".npy");
        try (java.util.zip.ZipInputStream zip = new java.util.zip.ZipInputStream(Files.newInputStream(file))) {
            for (var e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (e.isDirectory() || !e.getName().endsWith(".npy")) {
                    continue;
                }
                Files.write(tmp, zip.readAllBytes());
                String name = e.getName().substring(0, e.getName().length() - 4);
                try {
                    out.put(name, readArray(tmp));
                } catch (DataFormatException bad) {
                    throw new DataFormatException(file, "array '" + name + "': " + bad.detail());
                }
            }
        } catch (java.util.zip.ZipException e) {
            throw new DataFormatException(file, "not a readable .npz archive (" + e.getMessage() + ")");
        } finally {
            Files.deleteIfExists(tmp);
        }
        if (out.isEmpty()) {
            throw new DataFormatException(file, "not an .npz archive of arrays (no .npy entries)");
        }
        return out;
    }

    /** Reads only the shape of the array in {@code file} (still validates the whole file). */
    public static int[] shape(Path file) throws IOException {
        return header(file).fortran() ? reversed(readFortran(file).getShape()) : read(file).getShape();
    }

    /** What the header says beyond the shape: element type ({@code f i u b}), bytes per element, memory order. */
    private record Header(char type, int bytes, boolean fortran) {
    }

    private static final java.util.regex.Pattern DESCR =
            java.util.regex.Pattern.compile("'descr'\\s*:\\s*'([<>|=]?)([a-zA-Z])(\\d+)'");
    private static final java.util.regex.Pattern FORTRAN =
            java.util.regex.Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");

    private static final java.util.regex.Pattern SCALAR =
            java.util.regex.Pattern.compile("'shape'\\s*:\\s*\\(\\s*\\)");

    /** The one value of a 0-D array (the library cannot read those), e.g. {@code num_batches_tracked}. */
    private static float scalar(Path file, Header h) throws IOException {
        byte[] all = Files.readAllBytes(file);
        String dict = headerText(file);
        int payload = all.length - h.bytes();
        if (payload < 10) {
            throw new DataFormatException(file, "truncated .npy scalar");
        }
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(all, payload, h.bytes())
                .order(dict.contains("'>") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        return switch (h.type() + "" + h.bytes()) {
            case "f4" -> b.getFloat();
            case "f8" -> (float) b.getDouble();
            case "i1" -> b.get();
            case "u1", "b1" -> b.get() & 0xff;
            case "i2" -> b.getShort();
            case "u2" -> b.getShort() & 0xffff;
            case "i4" -> b.getInt();
            case "u4" -> b.getInt() & 0xffffffffL;
            case "i8", "u8" -> b.getLong();
            default -> throw new DataFormatException(file, "unsupported npy scalar dtype " + h.type() + h.bytes());
        };
    }

    private static Header header(Path file) throws IOException {
        String dict = headerText(file);
        java.util.regex.Matcher d = DESCR.matcher(dict);
        java.util.regex.Matcher f = FORTRAN.matcher(dict);
        if (!d.find() || !f.find()) {
            throw new DataFormatException(file, "not a readable .npy file (header " + dict.strip() + ")");
        }
        if (d.group(2).equals("f") && d.group(3).equals("2")) {
            throw new DataFormatException(file, "unsupported npy dtype float16 (save it as float32)");
        }
        return new Header(d.group(2).charAt(0), Integer.parseInt(d.group(3)), f.group(1).equals("True"));
    }

    private static String headerText(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString());
        }
        try (var in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(12);
            if (head.length < 10 || head[0] != (byte) 0x93 || head[1] != 'N') {
                throw new DataFormatException(file, "not a .npy file (no NUMPY magic)");
            }
            int major = head[6] & 0xff;
            int len = major == 1 ? (head[8] & 0xff) | (head[9] & 0xff) << 8
                    : (head[8] & 0xff) | (head[9] & 0xff) << 8 | (head[10] & 0xff) << 16 | (head[11] & 0xff) << 24;
            byte[] rest = in.readNBytes(Math.max(0, len - (major == 1 ? 2 : 0)));
            String text = major == 1 ? new String(head, 10, 2, java.nio.charset.StandardCharsets.ISO_8859_1)
                    + new String(rest, java.nio.charset.StandardCharsets.ISO_8859_1)
                    : new String(rest, java.nio.charset.StandardCharsets.ISO_8859_1);
            return text;
        }
    }

    /**
     * A Fortran-order file read as the C-order array of the reversed shape (the same bytes): the library refuses
     * Fortran order, so a copy whose header says C order and the reversed shape (same length) is read instead.
     */
    private static NpyArray readFortran(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String all = new String(bytes, 0, Math.min(bytes.length, 65_536), java.nio.charset.StandardCharsets.ISO_8859_1);
        java.util.regex.Matcher f = FORTRAN.matcher(all);
        java.util.regex.Matcher sh = java.util.regex.Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)").matcher(all);
        if (!f.find() || !sh.find()) {
            throw new DataFormatException(file, "not a readable .npy file (no fortran_order or shape)");
        }
        // same length: "'fortran_order': True" becomes "'fortran_order':False" (numpy writes the space)
        String replacement = f.group(0).replace(": True", ":False");
        if (replacement.equals(f.group(0))) {
            throw new DataFormatException(file, "cannot read this Fortran-order header: " + f.group(0));
        }
        String[] dims = sh.group(1).split(",");
        java.util.List<String> nums = new java.util.ArrayList<>();
        for (String dim : dims) {
            if (!dim.isBlank()) {
                nums.add(dim.strip());
            }
        }
        java.util.Collections.reverse(nums);
        String shape = String.join(", ", nums) + (nums.size() == 1 ? "," : "");
        if (shape.length() != sh.group(1).length()) {
            shape = String.format("%-" + sh.group(1).length() + "s", shape);
        }
        byte[] patched = bytes.clone();
        byte[] r1 = replacement.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        System.arraycopy(r1, 0, patched, f.start(), r1.length);
        byte[] r2 = shape.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        System.arraycopy(r2, 0, patched, sh.start(1), r2.length);
        Path tmp = Files.createTempFile("hirmtl-fortran", ".npy");
        try {
            Files.write(tmp, patched);
            return read(tmp);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static int[] reversed(int[] shape) {
        int[] r = new int[shape.length];
        for (int i = 0; i < shape.length; i++) {
            r[i] = shape[shape.length - 1 - i];
        }
        return r;
    }

    /** C-order values of {@code shape} from the C-order values of the reversed shape (a Fortran-order payload). */
    private static float[] fromFortran(float[] v, int[] shape) {
        float[] out = new float[v.length];
        int n = shape.length;
        int[] idx = new int[n];
        for (int c = 0; c < v.length; c++) {
            int f = 0;
            for (int k = n - 1; k >= 0; k--) {
                f = f * shape[k] + idx[k];
            }
            out[c] = v[f];
            for (int k = n - 1; k >= 0; k--) {
                if (++idx[k] < shape[k]) {
                    break;
                }
                idx[k] = 0;
            }
        }
        return out;
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

    private static float[] toFloats(Path file, NpyArray a, Header h) throws DataFormatException {
        Object d = a.getData();
        boolean unsigned = h.type() == 'u';
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
                f[i] = unsigned ? x[i] & 0xff : x[i];
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
                f[i] = unsigned ? x[i] & 0xffff : x[i];
            }
            return f;
        }
        if (d instanceof int[] x) {
            float[] f = new float[x.length];
            for (int i = 0; i < x.length; i++) {
                f[i] = unsigned ? x[i] & 0xffffffffL : x[i];
            }
            return f;
        }
        if (d instanceof long[] x) {
            float[] f = new float[x.length];
            for (int i = 0; i < x.length; i++) {
                f[i] = unsigned && x[i] < 0 ? (float) (x[i] >>> 1) * 2f : x[i];
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
