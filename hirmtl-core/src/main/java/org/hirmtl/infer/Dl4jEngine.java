package org.hirmtl.infer;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hirmtl.engine.EngineInfo;
import org.hirmtl.engine.Workspaces;
import org.hirmtl.model.HirMtlModel;
import org.hirmtl.model.Normalisation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Inference with the DL4J graph itself ({@code graph.output(false, x)}): runs every model, including components
 * without an ONNX export, at any input size the graph accepts. The one place that maps DL4J's positional output
 * arrays to task names for inference.
 */
public final class Dl4jEngine implements InferenceEngine {
    /** The engine's name. */
    public static final String NAME = "dl4j";

    private final HirMtlModel model;
    private final Normalisation normalisation;

    /**
     * @param model the model
     * @param normalisation its input normalisation
     */
    public Dl4jEngine(HirMtlModel model, Normalisation normalisation) {
        this.model = model;
        this.normalisation = normalisation;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        Map<String, String> e = EngineInfo.describe();
        return NAME + " " + EngineInfo.DL4J_VERSION + " (" + e.get("backend") + ", " + e.get("omp.threads")
                + " threads, oneDNN helpers " + (Boolean.parseBoolean(e.get("onednn.helpers")) ? "on" : "off") + ")";
    }

    @Override
    public List<String> tasks() {
        return model.tasks();
    }

    @Override
    public Map<String, TaskOutput> run(ImageBatch images, Collection<String> tasks) {
        InferenceEngines.checkTasks(model.tasks(), tasks);
        float[] x = images.toArray();
        normalisation.apply(x, images.height() * images.width());
        Workspaces.sizeFromFirstPass(model.graph().getVertices().length);
        INDArray[] outputs = model.graph().output(false, Nd4j.create(x, images.shape(), 'c'));
        Map<String, TaskOutput> out = new LinkedHashMap<>();
        for (String task : tasks) {
            INDArray o = outputs[finalOutputIndex(task)];
            float[] values = o.castTo(DataType.FLOAT).dup('c').data().asFloat();
            out.put(task, new TaskOutput(values, (int) o.size(0), (int) o.size(1), (int) o.size(2),
                    (int) o.size(3)));
        }
        return out;
    }

    /** The position of {@code task}'s final output in DL4J's output arrays. */
    private int finalOutputIndex(String task) {
        return model.outputs().indexOf(model.finalOutput(task));
    }

    /** Nothing to release: the graph belongs to the caller. */
    @Override
    public void close() {
    }
}
