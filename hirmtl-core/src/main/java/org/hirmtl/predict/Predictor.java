package org.hirmtl.predict;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hirmtl.api.TaskProvider;
import org.hirmtl.api.data.DenseMap;
import org.hirmtl.api.data.TargetKind;
import org.hirmtl.data.transform.InputGeometry;
import org.hirmtl.data.transform.Resize;
import org.hirmtl.infer.ImageBatch;
import org.hirmtl.infer.InferenceEngine;
import org.hirmtl.infer.TaskOutput;

/**
 * Runs a model on RGB images of any size and returns each task's decoded prediction at the image's own size, keyed by
 * task name. Images are brought to a size the network accepts by an {@link InputSize} policy; images that end up with
 * the same network size are run as one batch by an {@link InferenceEngine}.
 */
public final class Predictor {
    private final InferenceEngine engine;
    private final Map<String, TaskProvider> tasks;
    private final InputSize size;
    private final int stride;
    private final InputGeometry geometry;

    /**
     * @param engine   runs the model (it applies the model's normalisation)
     * @param tasks    the tasks to predict (a subset of the model's) with their providers
     * @param size     the input size policy
     * @param stride   the backbone's largest stride (network input sizes must be multiples of it)
     * @param geometry the model's input: for {@link InputSize#MODEL}, images are resized to its content size
     *                 ({@code data.image_size}) and padded to the model's input size, predictions cropped back
     * @throws IllegalArgumentException if a task is not the model's, or a fixed size is not a multiple of the stride
     */
    public Predictor(InferenceEngine engine, Map<String, TaskProvider> tasks, InputSize size, int stride,
                     InputGeometry geometry) {
        for (String t : tasks.keySet()) {
            if (!engine.tasks().contains(t)) {
                throw new IllegalArgumentException("the model does not predict '" + t + "' (it predicts: "
                        + String.join(", ", engine.tasks()) + ")");
            }
        }
        if (size.mode() == InputSize.Mode.FIXED && (size.height() % stride != 0 || size.width() % stride != 0)) {
            throw new IllegalArgumentException("--size " + size.height() + "x" + size.width() + " is not a multiple of "
                    + "the backbone's largest stride " + stride + "; use e.g. " + roundUp(size.height(), stride) + "x"
                    + roundUp(size.width(), stride));
        }
        this.engine = engine;
        this.tasks = new LinkedHashMap<>(tasks);
        this.size = size;
        this.stride = stride;
        this.geometry = geometry;
    }

    /** The network input size ({@code {height, width}}) used for an image of the given size. */
    public int[] networkSize(int height, int width) {
        return switch (size.mode()) {
            case MODEL -> new int[] {geometry.height(), geometry.width()};
            case FIXED -> new int[] {size.height(), size.width()};
            case KEEP -> new int[] {roundUp(height, stride), roundUp(width, stride)};
        };
    }

    /**
     * Predicts every task for each image.
     *
     * @param images RGB images in [0, 1], any sizes
     * @return per image, task → decoded prediction at the image's size
     */
    public List<Map<String, DenseMap>> predict(List<DenseMap> images) {
        List<Map<String, DenseMap>> out = new ArrayList<>();
        int from = 0;
        while (from < images.size()) {
            int[] ns = networkSize(images.get(from).height(), images.get(from).width());
            int to = from + 1;
            while (to < images.size() && java.util.Arrays.equals(ns,
                    networkSize(images.get(to).height(), images.get(to).width()))) {
                to++;
            }
            out.addAll(run(images.subList(from, to), ns[0], ns[1]));
            from = to;
        }
        return out;
    }

    private List<Map<String, DenseMap>> run(List<DenseMap> images, int h, int w) {
        ImageBatch batch = ImageBatch.allocate(images.size(), h, w);
        for (int i = 0; i < images.size(); i++) {
            batch.set(i, fit(images.get(i), h, w));
        }
        Map<String, TaskOutput> outputs = engine.run(batch, tasks.keySet());
        List<Map<String, DenseMap>> result = new ArrayList<>();
        images.forEach(i -> result.add(new LinkedHashMap<>()));
        for (Map.Entry<String, TaskProvider> e : tasks.entrySet()) {
            TaskOutput o = outputs.get(e.getKey());
            for (int i = 0; i < images.size(); i++) {
                DenseMap img = images.get(i);
                result.get(i).put(e.getKey(), toImage(e.getValue(), o.image(i), img.height(), img.width()));
            }
        }
        return result;
    }

    private DenseMap fit(DenseMap img, int h, int w) {
        if (size.mode() == InputSize.Mode.KEEP) {
            return padReplicate(img, h, w);
        }
        if (size.mode() == InputSize.Mode.MODEL) {
            return geometry.fitImage(img);
        }
        return img.height() == h && img.width() == w ? img : Resize.bilinear(img, h, w);
    }

    private DenseMap toImage(TaskProvider task, DenseMap activated, int height, int width) {
        DenseMap back = size.mode() == InputSize.Mode.KEEP ? InputGeometry.crop(activated, height, width)
                : size.mode() == InputSize.Mode.MODEL ? geometry.toImage(activated, height, width)
                : activated.height() == height && activated.width() == width ? activated
                : Resize.bilinear(activated, height, width);
        return task.decode(task.targetKind() == TargetKind.NORMALS ? renormalise(back) : back);
    }

    /**
     * Brings resampled unit normals back to unit length (bilinear resizing shortens them between pixels); zero vectors
     * stay zero. Modifies and returns {@code m}.
     */
    public static DenseMap renormalise(DenseMap m) {
        float[] d = m.data();
        int n = m.pixels();
        for (int p = 0; p < n; p++) {
            double len = Math.sqrt(d[p] * d[p] + d[n + p] * d[n + p] + d[2 * n + p] * d[2 * n + p]);
            if (len > 0) {
                for (int c = 0; c < 3; c++) {
                    d[c * n + p] /= (float) len;
                }
            }
        }
        return m;
    }

    /** Pads the bottom and right edges to {@code h × w} by repeating the last row and column. */
    static DenseMap padReplicate(DenseMap m, int h, int w) {
        if (m.height() == h && m.width() == w) {
            return m;
        }
        DenseMap out = DenseMap.zeros(m.channels(), h, w);
        for (int c = 0; c < m.channels(); c++) {
            for (int y = 0; y < h; y++) {
                int sy = Math.min(y, m.height() - 1);
                for (int x = 0; x < w; x++) {
                    out.set(c, y, x, m.get(c, sy, Math.min(x, m.width() - 1)));
                }
            }
        }
        return out;
    }


    private static int roundUp(int v, int m) {
        return Math.max(m, (v + m - 1) / m * m);
    }
}
