package org.hirmtl.data.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import org.hirmtl.api.data.DenseMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Grey and 16-bit images decode to their sample values, the same in all three channels. */
public class ImagesTest {
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

    /**
     * A CMYK JPEG without an ICC profile (as phones and print workflows write): 4-channel JPEG data with an Adobe
     * APP14 marker (transform 0 = CMYK), written through the JDK's own JPEG writer.
     */
    public static Path writeCmykJpeg(Path file) throws Exception {
        WritableRaster r = Raster.createInterleavedRaster(
                DataBuffer.TYPE_BYTE, 16, 12, 4, null);
        for (int y = 0; y < 12; y++) {
            for (int x = 0; x < 16; x++) {
                r.setSample(x, y, 0, x * 10);
                r.setSample(x, y, 1, y * 10);
                r.setSample(x, y, 2, 50);
                r.setSample(x, y, 3, 20);
            }
        }
        ImageWriter jdk = null;
        for (var it = ImageIO.getImageWritersByFormatName("jpeg"); it.hasNext(); ) {
            ImageWriter w = it.next();
            if (w.getClass().getName().startsWith("com.sun.")) {
                jdk = w;
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (var out = ImageIO.createImageOutputStream(bytes)) {
            jdk.setOutput(out);
            jdk.write(null, new IIOImage(r, null, null), jdk.getDefaultWriteParam());
        }
        byte[] jpeg = bytes.toByteArray();
        byte[] adobe = {(byte) 0xFF, (byte) 0xEE, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, 0};
        byte[] all = new byte[jpeg.length + adobe.length];
        System.arraycopy(jpeg, 0, all, 0, 2);
        System.arraycopy(adobe, 0, all, 2, adobe.length);
        System.arraycopy(jpeg, 2, all, 2 + adobe.length, jpeg.length - 2);
        return Files.write(file, all);
    }

    @Test
    void aCmykJpegWithoutAProfileIsUsedWithItsWarning() throws Exception {
        Path f = writeCmykJpeg(tmp.resolve("cmyk.jpg"));
        Images.Decoded d = Images.readChecked(f);
        assertEquals(16, d.image().getWidth());
        assertFalse(d.warnings().isEmpty(), "the decoder's warning is kept");
        assertTrue(d.warnings().get(0).contains("ICC"), d.warnings().toString());
        assertEquals(12, Images.readStrict(f).getHeight(), "readStrict accepts it");
        byte[] all = Files.readAllBytes(f);
        Path cut = Files.write(tmp.resolve("cut.jpg"),
                java.util.Arrays.copyOf(all, all.length / 2));
        var e = assertThrows(DataFormatException.class,
                () -> Images.readStrict(cut));
        assertTrue(e.getMessage().contains("damaged image")
                || e.getMessage().contains("cannot decode"), e.getMessage());
    }
}
