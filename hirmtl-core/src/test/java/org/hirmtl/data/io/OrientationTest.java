package org.hirmtl.data.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hirmtl.api.data.DenseMap;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Photographs with EXIF orientations 1–8 are read the way viewers show them. */
class OrientationTest {
    @TempDir
    Path tmp;

    /**
     * A 32×48 (h×w) JPEG, black with a white 16×16 block in its stored top-left corner, with an APP1 {@code Exif}
     * segment holding only the Orientation tag (the test's own fixture bytes; the code under test reads them with
     * TwelveMonkeys).
     */
    static Path photo(Path file, int orientation) throws Exception {
        BufferedImage img = new BufferedImage(48, 32, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                img.setRGB(x, y, 0xFFFFFF);
            }
        }
        Path plain = file.resolveSibling("plain.jpg");
        Images.writeJpeg(plain, img, 0.95f);
        byte[] jpeg = Files.readAllBytes(plain);
        byte[] tiff = {'M', 'M', 0, 42, 0, 0, 0, 8, // big-endian TIFF header, first IFD at 8
            0, 1, // one entry
            0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0, // Orientation, SHORT, 1 value
            0, 0, 0, 0}; // no next IFD
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2); // SOI
        int length = 2 + 6 + tiff.length;
        out.write(new byte[] {(byte) 0xFF, (byte) 0xE1, (byte) (length >> 8), (byte) length, 'E', 'x', 'i', 'f', 0, 0});
        out.write(tiff);
        out.write(jpeg, 2, jpeg.length - 2);
        Files.write(file, out.toByteArray());
        return file;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void everyOrientationIsReadAsDisplayed(int orientation) throws Exception {
        Path f = photo(tmp.resolve("o" + orientation + ".jpg"), orientation);
        assertEquals(orientation, Orientation.of(f));
        boolean turned = orientation >= 5;
        int[] expectedSize = turned ? new int[] {48, 32} : new int[] {32, 48};
        assertArrayEquals(expectedSize, Images.size(f), "header size in displayed orientation");
        for (DenseMap rgb : new DenseMap[] {Images.readRgb(f), Images.toRgb(Images.readStrict(f))}) {
            assertEquals(expectedSize[0], rgb.height());
            assertEquals(expectedSize[1], rgb.width());
            // where the stored top-left block is displayed: EXIF's table of the eight orientations
            boolean right = orientation == 2 || orientation == 3 || orientation == 6 || orientation == 7;
            boolean bottom = orientation == 3 || orientation == 4 || orientation == 7 || orientation == 8;
            int cy = bottom ? rgb.height() - 8 : 8;
            int cx = right ? rgb.width() - 8 : 8;
            assertTrue(rgb.get(0, cy, cx) > 0.9f, "white block at (" + cy + ", " + cx + ") for " + orientation);
            assertTrue(rgb.get(0, bottom ? 8 : rgb.height() - 8, right ? 8 : rgb.width() - 8) < 0.1f,
                    "black in the opposite corner for " + orientation);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"png", "jpg"})
    void filesWithoutTheTagAreAsStored(String type) throws Exception {
        BufferedImage img = new BufferedImage(5, 3, BufferedImage.TYPE_INT_RGB);
        Path f = tmp.resolve("x." + type);
        if (type.equals("png")) {
            Images.writePng(f, img);
        } else {
            Images.writeJpeg(f, img, 0.9f);
        }
        assertEquals(Orientation.NORMAL, Orientation.of(f));
        assertArrayEquals(new int[] {3, 5}, Images.size(f));
    }
}
