package org.hirmtl.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hirmtl.api.TaskProvider;
import org.hirmtl.api.config.TaskConfig;
import org.hirmtl.data.Batch;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

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
            int c = task.outputChannels(tc);
            float[] labels = new float[n * c * h * w];
            float[] mask = new float[n * h * w];
            task.encodeLabels(target, n, h, w, tc, labels, mask);
            perTask.put(t, new INDArray[] {
                Nd4j.create(labels, new long[] {n, c, h, w}, 'c'),
                Nd4j.create(mask, new long[] {n, 1, h, w}, 'c')});
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
