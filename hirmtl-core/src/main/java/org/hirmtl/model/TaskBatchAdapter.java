package org.hirmtl.model;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hirmtl.api.TaskProvider;
import org.hirmtl.api.config.TaskConfig;
import org.hirmtl.data.Batch;
import org.hirmtl.engine.EngineInfo;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The one place where task-keyed batches become DL4J's positional arrays: labels and label masks are placed by
 * looking up each output's task name in {@link HirMtlModel#outputs()}, never by position in the batch. A permuted
 * task order therefore cannot swap targets silently (see {@code TaskBatchAdapterTest}).
 */
public final class TaskBatchAdapter {
    private final HirMtlModel model;
    private final Map<String, TaskProvider> tasks;
    private final Map<String, TaskConfig> configs;
    private final Normalisation normalisation;

    /**
     * @param model the model whose outputs define the array order
     * @param tasks the model's tasks by name
     * @param configs their configs
     * @param normalisation input normalisation
     */
    public TaskBatchAdapter(HirMtlModel model, Map<String, TaskProvider> tasks, Map<String, TaskConfig> configs,
                            Normalisation normalisation) {
        this.model = model;
        this.tasks = Map.copyOf(tasks);
        this.configs = Map.copyOf(configs);
        this.normalisation = normalisation;
        for (String t : model.tasks()) {
            if (!tasks.containsKey(t) || !configs.containsKey(t)) {
                throw new IllegalArgumentException("no task provider or config for model task '" + t + "'");
            }
        }
    }

    /** The input normalisation. */
    public Normalisation normalisation() {
        return normalisation;
    }

    /** The normalised input array {@code N×3×H×W}. */
    public INDArray features(Batch batch) {
        float[] x = batch.images().clone();
        normalisation.apply(x, batch.height() * batch.width());
        return Nd4j.create(x, new long[] {batch.size(), 3, batch.height(), batch.width()}, 'c');
    }

    /**
     * Features, labels and label masks for every output of the model.
     *
     * @throws IllegalArgumentException if the batch has no targets for one of the model's tasks
     */
    public MultiDataSet toMultiDataSet(Batch batch) {
        int n = batch.size();
        int h = batch.height();
        int w = batch.width();
        Map<String, INDArray[]> perTask = new HashMap<>();
        for (String t : model.tasks()) {
            float[] target = batch.targets().get(t);
            if (target == null) {
                throw new IllegalArgumentException("the batch has no '" + t + "' targets (it has: "
                        + String.join(", ", batch.targets().keySet()) + ")");
            }
            TaskProvider task = tasks.get(t);
            TaskConfig tc = configs.get(t);
            perTask.put(t, encode(task, tc, target, n, h, w));
        }
        List<OutputSpec> outputs = model.outputs();
        INDArray[] labels = new INDArray[outputs.size()];
        INDArray[] masks = new INDArray[outputs.size()];
        Map<String, INDArray[]> strided = new HashMap<>();
        for (int i = 0; i < outputs.size(); i++) {
            OutputSpec o = outputs.get(i);
            INDArray[] lm = o.stride() == 1 ? perTask.get(o.task())
                    : strided.computeIfAbsent(o.task() + "@" + o.stride(),
                            k -> new INDArray[] {sample(perTask.get(o.task())[0], o.stride()),
                                sample(perTask.get(o.task())[1], o.stride())});
            labels[i] = lm[0];
            masks[i] = lm[1];
        }
        return new org.nd4j.linalg.dataset.MultiDataSet(new INDArray[] {features(batch)}, labels, null, masks);
    }

    /**
     * The task's labels {@code n×c×h×w} and mask {@code n×1×h×w}, encoded one image at a time straight into the
     * native arrays: the Java-side buffers hold one image, not the batch (the NYUD protocol's 40-class one-hot labels
     * are 330 MB a batch at 448×576, which the Java heap otherwise grows to hold on every step).
     */
    static INDArray[] encode(TaskProvider task, TaskConfig tc, float[] target, int n, int h, int w) {
        int c = task.outputChannels(tc);
        int perTarget = n == 0 ? 0 : target.length / n;
        int perLabel = c * h * w;
        int perMask = h * w;
        INDArray labels = Nd4j.createUninitialized(DataType.FLOAT, n, c, h, w);
        INDArray mask = Nd4j.createUninitialized(DataType.FLOAT, n, 1, h, w);
        // host memory through NIO on ND4J's CPU backend; elsewhere (CUDA) through ND4J, which keeps the device copy
        boolean host = EngineInfo.hostBackend();
        FloatBuffer lb = host ? labels.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer() : null;
        FloatBuffer mb = host ? mask.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer() : null;
        float[] l = new float[perLabel];
        float[] m = new float[perMask];
        for (int i = 0; i < n; i++) {
            Arrays.fill(l, 0f);
            Arrays.fill(m, 0f);
            task.encodeLabels(Arrays.copyOfRange(target, i * perTarget, (i + 1) * perTarget), 1, h, w, tc, l, m);
            if (host) {
                lb.put(i * perLabel, l);
                mb.put(i * perMask, m);
            } else {
                labels.get(NDArrayIndex.point(i)).assign(Nd4j.create(l, new long[] {c, h, w}, 'c'));
                mask.get(NDArrayIndex.point(i)).assign(Nd4j.create(m, new long[] {1, h, w}, 'c'));
            }
        }
        return new INDArray[] {labels, mask};
    }

    /** Nearest sampling of an NCHW array at the centre of each {@code s×s} cell: {@code (y·s + s/2, x·s + s/2)}. */
    static INDArray sample(INDArray full, int s) {
        long n = full.size(0);
        long c = full.size(1);
        int h = (int) full.size(2);
        int w = (int) full.size(3);
        int oh = h / s;
        int ow = w / s;
        float[] in = full.data().asFloat();
        float[] out = new float[(int) (n * c * oh * ow)];
        for (int nc = 0; nc < n * c; nc++) {
            for (int y = 0; y < oh; y++) {
                int src = (nc * h + y * s + s / 2) * w + s / 2;
                int dst = (nc * oh + y) * ow;
                for (int x = 0; x < ow; x++) {
                    out[dst + x] = in[src + x * s];
                }
            }
        }
        return Nd4j.create(out, new long[] {n, c, oh, ow}, 'c');
    }
}
