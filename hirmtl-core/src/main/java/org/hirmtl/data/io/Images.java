package org.hirmtl.data.io;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import org.hirmtl.api.data.DenseMap;

/**
 * Image files: JPEG (TwelveMonkeys' reader, registered through ImageIO's service loader) and PNG, 8 or 16 bit,
 * grey, palette or colour. Colour images decode to RGB in [0, 1]; label images decode to their raw sample values
 * (palette PNGs give the palette index, as PIL does).
 */
public final class Images {
    static {
        ImageIO.setUseCache(false);
    }

    private Images() {
    }

    /**
     * Decodes an image file in displayed orientation (EXIF, {@link Orientation}); a missing, truncated or non-image
     * file is an exception naming it.
     */
    public static BufferedImage read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString());
        }
        BufferedImage img;
        try {
            img = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new DataFormatException(file, "cannot decode image (" + e.getMessage() + ")", e);
        }
        if (img == null) {
            throw new DataFormatException(file, "not an image in a supported format (JPEG, PNG)");
        }
        return Orientation.toDisplayed(img, Orientation.of(file));
    }

    /**
     * A decoded image and the decoder's warnings that do not make it unusable (e.g. a CMYK JPEG without an ICC
     * profile, converted with an approximate CMYK→RGB conversion).
     *
     * @param image    the image
     * @param warnings benign decoder warnings, as the decoder words them
     */
    public record Decoded(BufferedImage image, java.util.List<String> warnings) {
    }

    /**
     * Whether a decoder warning leaves the image usable: colour-management notes (no ICC profile, an approximate
     * colour conversion) do; anything else (e.g. "premature end of JPEG file", corrupt data) means damage.
     */
    public static boolean isBenign(String warning) {
        String w = warning.toLowerCase(java.util.Locale.ROOT);
        return w.contains("icc") || w.contains("color profile") || w.contains("colour profile")
                || w.contains("color conversion") || w.contains("cmyk to rgb");
    }

    /**
     * Decodes an image, treating every decoder warning except colour-management notes ({@link #isBenign}) as an
     * error — for checking datasets and predicting, where a truncated file must not pass as a grey-bottomed picture
     * but a CMYK JPEG without a colour profile is still a valid picture.
     */
    public static BufferedImage readStrict(Path file) throws IOException {
        return readChecked(file).image();
    }

    /** As {@link #readStrict}, also returning the benign warnings (to show the user). */
    public static Decoded readChecked(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString());
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new DataFormatException(file, "not an image in a supported format (JPEG, PNG)");
            }
            ImageReader r = readers.next();
            java.util.List<String> warnings = new java.util.ArrayList<>();
            r.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
            try {
                r.setInput(in);
                BufferedImage img = r.read(0);
                for (String w : warnings) {
                    if (!isBenign(w)) {
                        throw new DataFormatException(file, "damaged image: " + w);
                    }
                }
                return new Decoded(Orientation.toDisplayed(img, Orientation.of(file)),
                        java.util.List.copyOf(warnings));
            } catch (IOException | RuntimeException e) {
                if (e instanceof DataFormatException d) {
                    throw d;
                }
                throw new DataFormatException(file, "cannot decode image (" + e.getMessage() + ")", e);
            } finally {
                r.dispose();
            }
        }
    }

    /**
     * Reads the width and height from the file's header without decoding the pixels: {@code {height, width}}, in
     * displayed orientation.
     */
    public static int[] size(Path file) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new DataFormatException(file, "not an image in a supported format (JPEG, PNG)");
            }
            ImageReader r = readers.next();
            try {
                r.setInput(in);
                return Orientation.swapsSides(Orientation.of(file)) ? new int[] {r.getWidth(0), r.getHeight(0)}
                        : new int[] {r.getHeight(0), r.getWidth(0)};
            } finally {
                r.dispose();
            }
        }
    }

    /** Decodes a colour or grey image to a 3-channel RGB map with values in [0, 1] (16-bit samples scaled by 65535). */
    public static DenseMap readRgb(Path file) throws IOException {
        return toRgb(read(file));
    }

    /** Converts a decoded image to RGB in [0, 1]. */
    public static DenseMap toRgb(BufferedImage img) {
        int h = img.getHeight();
        int w = img.getWidth();
        DenseMap out = DenseMap.zeros(3, h, w);
        float[] d = out.data();
        int n = h * w;
        Raster r = img.getRaster();
        int bands = r.getNumBands();
        boolean component = img.getColorModel() instanceof java.awt.image.ComponentColorModel;
        boolean sixteenBit = r.getTransferType() == DataBuffer.TYPE_USHORT && component;
        // Grey images: read the samples themselves. getRGB would convert linear grey to sRGB and brighten them.
        boolean grey = component && bands < 3 && r.getTransferType() == DataBuffer.TYPE_BYTE;
        if (sixteenBit || grey) {
            float scale = sixteenBit ? 65535f : 255f;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int p = y * w + x;
                    for (int c = 0; c < 3; c++) {
                        d[c * n + p] = r.getSample(x, y, bands < 3 ? 0 : c) / scale;
                    }
                }
            }
            return out;
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = img.getRGB(x, y);
                int p = y * w + x;
                d[p] = ((rgb >> 16) & 0xff) / 255f;
                d[n + p] = ((rgb >> 8) & 0xff) / 255f;
                d[2 * n + p] = (rgb & 0xff) / 255f;
            }
        }
        return out;
    }

    /**
     * Decodes a single-band label image (8- or 16-bit grey, or palette) to its raw sample values.
     *
     * @throws DataFormatException if the image has more than one band (a colour-coded label image)
     */
    public static DenseMap readLabels(Path file) throws IOException {
        BufferedImage img = read(file);
        Raster r = img.getRaster();
        if (r.getNumBands() != 1) {
            throw new DataFormatException(file, "expected a single-channel label image, got "
                    + r.getNumBands() + " channels");
        }
        int h = img.getHeight();
        int w = img.getWidth();
        float[] d = new float[h * w];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            r.getSamples(0, y, w, 1, 0, row);
            for (int x = 0; x < w; x++) {
                d[y * w + x] = row[x];
            }
        }
        return new DenseMap(1, h, w, d);
    }

    /** Decodes a 3-channel image to its raw 0..255 (or 0..65535) samples per channel, without colour conversion. */
    public static DenseMap readRawChannels(Path file) throws IOException {
        BufferedImage img = read(file);
        Raster r = img.getRaster();
        if (r.getNumBands() < 3) {
            throw new DataFormatException(file, "expected a 3-channel image, got " + r.getNumBands());
        }
        int h = img.getHeight();
        int w = img.getWidth();
        DenseMap out = DenseMap.zeros(3, h, w);
        int[] row = new int[w];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < h; y++) {
                r.getSamples(0, y, w, 1, c, row);
                for (int x = 0; x < w; x++) {
                    out.set(c, y, x, row[x]);
                }
            }
        }
        return out;
    }

    /** Encodes a CHW RGB map with values in [0, 1] as an 8-bit sRGB image. */
    public static BufferedImage fromRgb(DenseMap rgb) {
        if (rgb.channels() != 3) {
            throw new IllegalArgumentException("fromRgb needs 3 channels, got " + rgb.channels());
        }
        int h = rgb.height();
        int w = rgb.width();
        int n = h * w;
        float[] d = rgb.data();
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] px = new int[n];
        for (int p = 0; p < n; p++) {
            px[p] = (to8(d[p]) << 16) | (to8(d[n + p]) << 8) | to8(d[2 * n + p]);
        }
        img.setRGB(0, 0, w, h, px, 0, w);
        return img;
    }

    /** Writes an 8-bit single-channel PNG; values must lie in 0..255. */
    public static void writeGray8(Path file, int height, int width, int[] values) throws IOException {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster r = img.getRaster();
        r.setSamples(0, 0, width, height, 0, values);
        writePng(file, img);
    }

    /** Writes a 16-bit single-channel PNG; values must lie in 0..65535. */
    public static void writeGray16(Path file, int height, int width, int[] values) throws IOException {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_USHORT_GRAY);
        img.getRaster().setSamples(0, 0, width, height, 0, values);
        writePng(file, img);
    }

    /** Writes a PNG. */
    public static void writePng(Path file, BufferedImage img) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            if (!ImageIO.write(img, "png", out)) {
                throw new IOException("no PNG writer available");
            }
        }
    }

    /** Writes a baseline JPEG at the given quality (0..1). */
    public static void writeJpeg(Path file, BufferedImage img, float quality) throws IOException {
        Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName("jpeg");
        if (!it.hasNext()) {
            throw new IOException("no JPEG writer available");
        }
        ImageWriter writer = it.next();
        try (OutputStream out = Files.newOutputStream(file);
             ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            ImageWriteParam p = writer.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(quality);
            writer.write(null, new IIOImage(img, null, null), p);
        } finally {
            writer.dispose();
        }
    }

    private static int to8(float v) {
        int i = Math.round(v * 255f);
        return i < 0 ? 0 : Math.min(i, 255);
    }
}
