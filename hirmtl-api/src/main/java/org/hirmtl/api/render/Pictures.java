package org.hirmtl.api.render;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hirmtl.api.config.TaskConfig;
import org.hirmtl.api.data.DenseMap;
import org.hirmtl.api.data.TargetKind;

/**
 * The standard pictures of each target kind (what {@link org.hirmtl.api.TaskProvider#render} does unless a task
 * overrides it):
 * <ul>
 *   <li>{@link TargetKind#LABELS}: the arg-max class of each pixel in the {@link Palette} colours; the legend lists the
 *       classes present, largest first, named by the task option {@code class_names} when given;</li>
 *   <li>{@link TargetKind#DEPTH}: {@link ColourMap#TURBO} from near (red) to far (blue) over the image's own range of
 *       predicted values, which the colour bar states in metres;</li>
 *   <li>{@link TargetKind#NORMALS}: the unit normal as RGB, {@code (n + 1) / 2} (x → red, y → green, z → blue);</li>
 *   <li>{@link TargetKind#BINARY}: the probability as grey, black 0 to white 1.</li>
 * </ul>
 */
public final class Pictures {
    /** At most this many classes are listed in a legend. */
    public static final int MAX_LEGEND = 12;

    private Pictures() {
    }

    /**
     * Draws a decoded prediction.
     *
     * @param kind the task's target kind
     * @param prediction the prediction at the image's size
     * @param config the task's config (for class names)
     * @param palette the class colours (labels only; {@code null} for the VOC default)
     * @return the picture, with the legend or colour bar of its kind
     */
    public static Picture standard(TargetKind kind, DenseMap prediction, TaskConfig config, Palette palette) {
        return switch (kind) {
            case LABELS -> labels(argmax(prediction), prediction.height(), prediction.width(),
                    palette == null ? Palette.voc(prediction.channels()) : palette, classNames(config));
            case DEPTH -> scalar(prediction, ColourMap.TURBO, true, "m");
            case NORMALS -> normals(prediction);
            case BINARY -> scalar01(prediction);
        };
    }

    /**
     * The arg-max over channels of each pixel (ties go to the lower id); a 1-channel map is read as ids.
     *
     * @param m class scores {@code C × H × W}, or class ids {@code 1 × H × W}
     * @return one class id per pixel, row-major ({@code H * W} values)
     */
    public static int[] argmax(DenseMap m) {
        int n = m.pixels();
        int[] ids = new int[n];
        float[] d = m.data();
        if (m.channels() == 1) {
            for (int p = 0; p < n; p++) {
                ids[p] = Math.round(d[p]);
            }
            return ids;
        }
        for (int p = 0; p < n; p++) {
            int best = 0;
            float v = d[p];
            for (int c = 1; c < m.channels(); c++) {
                if (d[c * n + p] > v) {
                    v = d[c * n + p];
                    best = c;
                }
            }
            ids[p] = best;
        }
        return ids;
    }

    /**
     * Colours class ids; the legend lists present classes by pixel count.
     *
     * @param ids one class id per pixel, row-major ({@code height * width} values, each ≥ 0)
     * @param height rows
     * @param width columns
     * @param palette the class colours
     * @param names class names by id; an id without a name is shown as {@code class ID}
     * @return the picture, its legend listing at most {@link #MAX_LEGEND} classes with their share of the pixels
     */
    public static Picture labels(int[] ids, int height, int width, Palette palette, List<String> names) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int max = 0;
        for (int id : ids) {
            max = Math.max(max, id);
        }
        long[] counts = new long[max + 1];
        for (int p = 0; p < ids.length; p++) {
            counts[ids[p]]++;
            img.setRGB(p % width, p / width, palette.rgb(ids[p]));
        }
        List<Integer> present = new ArrayList<>();
        for (int id = 0; id <= max; id++) {
            if (counts[id] > 0) {
                present.add(id);
            }
        }
        present.sort((a, b) -> counts[b] != counts[a] ? Long.compare(counts[b], counts[a]) : Integer.compare(a, b));
        List<Picture.Swatch> legend = new ArrayList<>();
        for (int id : present.subList(0, Math.min(MAX_LEGEND, present.size()))) {
            String name = id < names.size() ? names.get(id) : "class " + id;
            legend.add(new Picture.Swatch(palette.rgb(id), String.format(Locale.ROOT, "%d %s %.0f%%", id, name,
                    100.0 * counts[id] / ids.length)));
        }
        return new Picture(img, legend, null);
    }

    /**
     * A continuous 1-channel map over its own finite range (channel 0 of a multi-channel map).
     *
     * @param m the map; only channel 0 is drawn
     * @param map the colour map
     * @param reversed whether the lowest value gets the map's colour at 1 (for depth: near is red on
     *                 {@link ColourMap#TURBO})
     * @param unit the unit the colour bar states, e.g. {@code m}
     * @return the picture, with a colour bar from the lowest to the highest finite value (0 to 0 if there is none)
     */
    public static Picture scalar(DenseMap m, ColourMap map, boolean reversed, String unit) {
        int n = m.pixels();
        float[] d = m.data();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int p = 0; p < n; p++) {
            if (Float.isFinite(d[p])) {
                lo = Math.min(lo, d[p]);
                hi = Math.max(hi, d[p]);
            }
        }
        if (lo > hi) {
            lo = 0;
            hi = 0;
        }
        Picture.ColourBar bar = new Picture.ColourBar(map, lo, hi, unit, reversed);
        BufferedImage img = new BufferedImage(m.width(), m.height(), BufferedImage.TYPE_INT_RGB);
        for (int p = 0; p < n; p++) {
            img.setRGB(p % m.width(), p / m.width(), bar.rgb(d[p]));
        }
        return new Picture(img, List.of(), bar);
    }

    private static Picture scalar01(DenseMap m) {
        Picture.ColourBar bar = new Picture.ColourBar(ColourMap.GREY, 0, 1, "probability", false);
        BufferedImage img = new BufferedImage(m.width(), m.height(), BufferedImage.TYPE_INT_RGB);
        float[] d = m.data();
        for (int p = 0; p < m.pixels(); p++) {
            img.setRGB(p % m.width(), p / m.width(), bar.rgb(d[p]));
        }
        return new Picture(img, List.of(), bar);
    }

    /**
     * Unit normals as RGB {@code (n + 1) / 2}.
     *
     * @param m the normals, {@code 3 × H × W}
     * @return the picture, with a legend saying which axis each colour shows
     * @throws IllegalArgumentException if {@code m} does not have 3 channels
     */
    public static Picture normals(DenseMap m) {
        if (m.channels() != 3) {
            throw new IllegalArgumentException("normals need 3 channels, got " + m.channels());
        }
        int n = m.pixels();
        float[] d = m.data();
        BufferedImage img = new BufferedImage(m.width(), m.height(), BufferedImage.TYPE_INT_RGB);
        for (int p = 0; p < n; p++) {
            int rgb = 0;
            for (int c = 0; c < 3; c++) {
                float v = Float.isFinite(d[c * n + p]) ? d[c * n + p] : 0;
                int b = Math.round(255 * Math.max(0, Math.min(1, (v + 1) / 2)));
                rgb = (rgb << 8) | b;
            }
            img.setRGB(p % m.width(), p / m.width(), rgb);
        }
        List<Picture.Swatch> legend = List.of(new Picture.Swatch(0xff8080, "x → red"),
                new Picture.Swatch(0x80ff80, "y → green"), new Picture.Swatch(0x8080ff, "z → blue"));
        return new Picture(img, legend, null);
    }

    /**
     * The task option {@code class_names} (a list of strings), or an empty list.
     *
     * @param config the task's config, or {@code null}
     * @return the class names in class-id order, each converted to text; empty if the option is not a list
     */
    public static List<String> classNames(TaskConfig config) {
        Object names = config == null ? null : config.options().get("class_names");
        List<String> out = new ArrayList<>();
        if (names instanceof List<?> l) {
            l.forEach(x -> out.add(String.valueOf(x)));
        }
        return out;
    }
}
