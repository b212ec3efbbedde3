package org.hirmtl.data.io;

import com.twelvemonkeys.imageio.metadata.Directory;
import com.twelvemonkeys.imageio.metadata.Entry;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEG;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegment;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegmentUtil;
import com.twelvemonkeys.imageio.metadata.tiff.TIFF;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFReader;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.stream.ImageInputStream;

/**
 * EXIF orientation: a camera stores a photograph as its sensor saw it and records in the EXIF {@code Orientation} tag
 * (1–8) how viewers must turn it. Images are read in displayed orientation (what every viewer shows), so predictions,
 * pictures and training images are the right way up. The tag is read with TwelveMonkeys' metadata readers (JPEG APP1
 * {@code Exif} segment, TIFF directory); a file without it, or with an unreadable one, is orientation 1.
 */
public final class Orientation {
    /** Stored as displayed. */
    public static final int NORMAL = 1;

    private Orientation() {
    }

    /** The EXIF orientation of a JPEG file (1–8), or {@link #NORMAL} when it has none or is not a JPEG. */
    public static int of(Path file) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null || in.read() != 0xFF || in.read() != 0xD8) {
                return NORMAL; // not a JPEG
            }
            in.seek(0);
            List<JPEGSegment> exif = JPEGSegmentUtil.readSegments(in, JPEG.APP1, "Exif");
            if (exif.isEmpty()) {
                return NORMAL;
            }
            try (InputStream data = exif.get(0).data()) {
                byte[] bytes = data.readAllBytes();
                int skip = 0; // the TIFF header ("II" or "MM") follows the identifier "Exif" and its padding
                while (skip < Math.min(8, bytes.length - 1) && !(bytes[skip] == bytes[skip + 1]
                        && (bytes[skip] == 'I' || bytes[skip] == 'M'))) {
                    skip++;
                }
                Directory d = new TIFFReader().read(ImageIO.createImageInputStream(
                        new java.io.ByteArrayInputStream(bytes, skip, bytes.length - skip)));
                Entry e = d.getEntryById(TIFF.TAG_ORIENTATION);
                int value = e == null ? NORMAL : ((Number) e.getValue()).intValue();
                return value >= 1 && value <= 8 ? value : NORMAL;
            }
        } catch (IOException | RuntimeException e) {
            return NORMAL; // damaged metadata does not make the picture unusable
        }
    }

    /** Whether {@code orientation} swaps width and height (5–8: a quarter turn). */
    public static boolean swapsSides(int orientation) {
        return orientation >= 5 && orientation <= 8;
    }

    /** {@code stored} turned and mirrored as EXIF {@code orientation} says viewers show it (a new image unless 1). */
    public static BufferedImage toDisplayed(BufferedImage stored, int orientation) {
        if (orientation <= NORMAL || orientation > 8) {
            return stored;
        }
        int w = stored.getWidth();
        int h = stored.getHeight();
        boolean swap = swapsSides(orientation);
        WritableRaster src = stored.getRaster();
        WritableRaster dst = stored.getColorModel().createCompatibleWritableRaster(swap ? h : w, swap ? w : h);
        Object pixel = null;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                pixel = src.getDataElements(x, y, pixel);
                int tx;
                int ty;
                switch (orientation) {
                    case 2 -> { tx = w - 1 - x; ty = y; }
                    case 3 -> { tx = w - 1 - x; ty = h - 1 - y; }
                    case 4 -> { tx = x; ty = h - 1 - y; }
                    case 5 -> { tx = y; ty = x; }
                    case 6 -> { tx = h - 1 - y; ty = x; }
                    case 7 -> { tx = h - 1 - y; ty = w - 1 - x; }
                    default -> { tx = y; ty = w - 1 - x; } // 8
                }
                dst.setDataElements(tx, ty, pixel);
            }
        }
        return new BufferedImage(stored.getColorModel(), dst, stored.isAlphaPremultiplied(), null);
    }
}
