package org.hirmtl.data;

import java.io.IOException;
import java.nio.file.Path;
import org.hirmtl.api.data.DenseMap;
import org.hirmtl.api.data.TargetKind;
import org.hirmtl.data.io.DataFormatException;
import org.hirmtl.data.io.Images;
import org.hirmtl.data.io.Npy;

/** The target decoders of the field's dataset layouts (DESIGN §4), each returning {@link TargetKind} conventions. */
public final class Decoders {
    private Decoders() {
    }

    /** NYUD labels in a single-channel PNG: 0 = unlabelled → ignore, {@code v} in 1..K → class {@code v − 1}. */
    public static DenseMap nyudLabels(Path file) throws IOException {
        DenseMap m = Images.readLabels(file);
        float[] d = m.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = d[i] == 0f ? TargetKind.IGNORE : d[i] - 1f;
        }
        return m;
    }

    /** Class ids stored as they are (PASCAL style: 0..K-1, 255 = ignore). */
    public static DenseMap plainLabels(Path file) throws IOException {
        return Images.readLabels(file);
    }

    /** A single-channel {@code (H, W)} array from an {@code .npy} file (depth in metres, edges in {0,1}). */
    public static DenseMap npyPlane(Path file) throws IOException {
        DenseMap m = Npy.readMap(file);
        if (m.channels() != 1) {
            throw new DataFormatException(file, "expected an (H,W) array, got " + m.channels() + " channels");
        }
        return m;
    }

    /** Normals as an {@code (H, W, 3)} {@code .npy} array of unit vectors (all-zero = invalid). */
    public static DenseMap npyNormals(Path file) throws IOException {
        DenseMap m = Npy.readMap(file);
        if (m.channels() != 3) {
            throw new DataFormatException(file, "expected an (H,W,3) normals array, got " + m.channels()
                    + " channels");
        }
        return m;
    }

    /** Normals as an 8-bit RGB PNG, {@code n = 2v/255 − 1}; a black pixel (0,0,0) is invalid → zero vector. */
    public static DenseMap pngNormals(Path file) throws IOException {
        DenseMap raw = Images.readRawChannels(file);
        float[] d = raw.data();
        int n = raw.pixels();
        for (int p = 0; p < n; p++) {
            boolean invalid = d[p] == 0f && d[n + p] == 0f && d[2 * n + p] == 0f;
            for (int c = 0; c < 3; c++) {
                d[c * n + p] = invalid ? 0f : 2f * d[c * n + p] / 255f - 1f;
            }
        }
        return raw;
    }

    /** A single-channel 8-bit PNG scaled to [0, 1] ({@code v/255}, InvPT's edge maps). */
    public static DenseMap pngUnit(Path file) throws IOException {
        DenseMap m = Images.readLabels(file);
        float[] d = m.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = d[i] / 255f;
        }
        return m;
    }

    /** A single-channel 8-bit PNG thresholded at half range ({@code v/255 > 0.5} → 1): saliency maps. */
    public static DenseMap pngBinary(Path file) throws IOException {
        DenseMap m = Images.readLabels(file);
        float[] d = m.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = d[i] > 127.5f ? 1f : 0f;
        }
        return m;
    }
}
