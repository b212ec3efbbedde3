package org.hirmtl.infer;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hirmtl.api.data.DenseMap;
import org.hirmtl.api.data.TargetKind;
import org.hirmtl.data.transform.Resize;
import org.hirmtl.model.Normalisation;

/**
 * Any framework's ONNX model as an {@link InferenceEngine}, so that {@code hirmtl eval --model FILE.onnx} scores it
 * like a checkpoint: the toolkit's raw RGB in [0, 1] normalised as the model expects (ImageNet mean/std by default,
 * or none), each task's output found under the model's own output name, activated as the toolkit's tasks expect when
 * the model emits logits (softmax over channels for label tasks with more than one channel, sigmoid for binary maps;
 * depth and normals as they are — normals are renormalised later), and resized (bilinear) to the input size when the
 * model's outputs are smaller. Runs on ONNX Runtime with the toolkit's session settings.
 */
public final class ForeignOnnxEngine implements InferenceEngine {
    private final OnnxRuntimeEngine ort;
    private final Normalisation normalisation;
    private final Map<String, TargetKind> kinds;
    private final boolean logits;
    private final String source;

    /**
     * @param ort           the model on ONNX Runtime, its outputs named per task
     * @param normalisation what to apply to raw RGB before the model, or null for none
     * @param kinds         each task's target kind (how its logits are activated)
     * @param logits        whether the outputs are logits (else already activated as the toolkit's tasks are)
     * @param source        the model's file name, for descriptions
     */
    public ForeignOnnxEngine(OnnxRuntimeEngine ort, Normalisation normalisation, Map<String, TargetKind> kinds,
                             boolean logits, String source) {
        this.ort = ort;
        this.normalisation = normalisation;
        this.kinds = Map.copyOf(kinds);
        this.logits = logits;
        this.source = source;
    }

    @Override
    public String name() {
        return ort.name();
    }

    @Override
    public String description() {
        return ort.description() + ", " + source + " (input " + (normalisation == null ? "raw RGB" : "normalised")
                + ", outputs " + (logits ? "logits" : "activated") + ")";
    }

    @Override
    public List<String> tasks() {
        return ort.tasks();
    }

    @Override
    public Map<String, TaskOutput> run(ImageBatch images, Collection<String> tasks) {
        ImageBatch in = normalisation == null ? images
                : ImageBatch.of(normalise(images.toArray(), images.height() * images.width(), normalisation),
                images.size(), images.height(), images.width());
        Map<String, TaskOutput> out = new LinkedHashMap<>();
        ort.run(in, tasks).forEach((task, o) -> {
            TaskOutput a = logits ? activate(o, kinds.get(task)) : o;
            out.put(task, a.height() == images.height() && a.width() == images.width() ? a
                    : resize(a, images.height(), images.width()));
        });
        return out;
    }

    @Override
    public void close() {
        ort.close();
    }

    /** {@code (x − mean) / std} per channel, in place, of {@code n × 3 × plane} values. */
    static float[] normalise(float[] rgb, int plane, Normalisation norm) {
        for (int i = 0; i < rgb.length; i++) {
            int c = i / plane % 3;
            rgb[i] = (float) ((rgb[i] - norm.mean()[c]) / norm.std()[c]);
        }
        return rgb;
    }

    /** The activation the toolkit's task of this kind applies to its logits (see the class comment). */
    static TaskOutput activate(TaskOutput o, TargetKind kind) {
        float[] d = o.data().clone();
        int plane = o.height() * o.width();
        if (kind == TargetKind.BINARY) {
            for (int i = 0; i < d.length; i++) {
                d[i] = (float) (1 / (1 + Math.exp(-d[i])));
            }
        } else if (kind == TargetKind.LABELS && o.channels() > 1) {
            int k = o.channels();
            for (int n = 0; n < o.n(); n++) {
                int base = n * k * plane;
                for (int p = 0; p < plane; p++) {
                    double max = Double.NEGATIVE_INFINITY;
                    for (int c = 0; c < k; c++) {
                        max = Math.max(max, d[base + c * plane + p]);
                    }
                    double sum = 0;
                    for (int c = 0; c < k; c++) {
                        sum += Math.exp(d[base + c * plane + p] - max);
                    }
                    for (int c = 0; c < k; c++) {
                        d[base + c * plane + p] = (float) (Math.exp(d[base + c * plane + p] - max) / sum);
                    }
                }
            }
        }
        return new TaskOutput(d, o.n(), o.channels(), o.height(), o.width());
    }

    private static TaskOutput resize(TaskOutput o, int height, int width) {
        int size = o.channels() * height * width;
        float[] d = new float[o.n() * size];
        for (int i = 0; i < o.n(); i++) {
            DenseMap r = Resize.bilinear(o.image(i), height, width);
            System.arraycopy(r.data(), 0, d, i * size, size);
        }
        return new TaskOutput(d, o.n(), o.channels(), height, width);
    }
}
