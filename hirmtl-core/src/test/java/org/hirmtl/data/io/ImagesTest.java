package org.hirmtl.data.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.hirmtl.api.data.DenseMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Grey and 16-bit images decode to their sample values, the same in all three channels. */
class ImagesTest {
    @TempDir
    Path tmp;

    @Test
    void greyPngsKeepTheirValues() throws Exception {
        int[] v = {0, 64, 128, 255};
        Path f = tmp.resolve("g8.png");
        Images.writeGray8(f, 2, 2, v);
        DenseMap m = Images.readRgb(f);
        for (int c = 0; c < 3; c++) {
            for (int p = 0; p < 4; p++) {
                assertEquals(v[p] / 255f, m.data()[c * 4 + p], 1e-7, "8-bit grey sample " + p);
            }
        }
        int[] w = {0, 1000, 40000, 65535};
        Path g = tmp.resolve("g16.png");
        Images.writeGray16(g, 2, 2, w);
        DenseMap n = Images.readRgb(g);
        for (int p = 0; p < 4; p++) {
            assertEquals(w[p] / 65535f, n.data()[8 + p], 1e-7, "16-bit grey sample " + p);
        }
    }
}
