package org.hirmtl.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ConvolutionUtils;
import org.hirmtl.engine.Workspaces;
import org.hirmtl.engine.layers.NchwLosses;
import org.hirmtl.infer.TaskOutput;
import org.hirmtl.model.HirMtlModel;
import org.hirmtl.model.OutputSpec;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * The validation loss and every task's final output from <b>one</b> inference pass of the DL4J graph.
 *
 * <p>{@code ComputationGraph.score(data, false)} runs a second forward pass whose activations all live outside any
 * workspace ("detached") until the pass ends: at the NYUD size that one pass held more memory than a training step and
 * was freed only when the Java collector ran. Here the graph computes, through its workspaces as in inference, only the
 * inputs of its loss layers (the pre-activations); each loss is computed from them as {@code CnnLossLayer} does (rows
 * {@code [N·H·W, C]}, the label mask one value per pixel, divided by N), plus the regularisation term once, so the sum
 * equals {@code score(data, false)} (to float rounding); each task's final output is the loss layer's activation of
 * its pre-activation, as {@code graph.output} returns it.
 */
final class ValidationPass {
    private static final IActivation IDENTITY = new ActivationIdentity();
    private final HirMtlModel model;
    private final List<CnnLossLayer> losses = new ArrayList<>();

    ValidationPass(HirMtlModel model) {
        this.model = model;
        for (OutputSpec o : model.outputs()) {
            GraphVertex v = model.graph().getVertex(o.name());
            if (!v.hasLayer() || !(v.getLayer().conf().getLayer() instanceof CnnLossLayer)) {
                throw new IllegalStateException("output " + o.name() + " is not a CnnLossLayer");
            }
            losses.add((CnnLossLayer) v.getLayer().conf().getLayer());
        }
    }

    /**
     * The pre-activations of every output: the graph's own inference pass with the loss layers' activations set to
     * identity for its duration. ({@code graph.output(List<String> layers, ...)} would ask for the loss layers'
     * inputs directly, but DL4J M2.1 fails there with a NullPointerException when the asked layers are not outputs:
     * it returns a workspace manager it never registered.) Training and validation run on one thread; nothing reads
     * the configuration meanwhile.
     */
    private INDArray[] preActivations(ComputationGraph g, MultiDataSet data) {
        IActivation[] saved = new IActivation[losses.size()];
        try {
            for (int i = 0; i < saved.length; i++) {
                saved[i] = losses.get(i).getActivationFn();
                losses.get(i).setActivationFn(IDENTITY);
            }
            return g.output(false, data.getFeatures(), data.getFeaturesMaskArrays(), null);
        } finally {
            for (int i = 0; i < saved.length; i++) {
                if (saved[i] != null) {
                    losses.get(i).setActivationFn(saved[i]);
                }
            }
        }
    }

    /** The mean loss of the batch as DL4J scores it, and each task's final output. */
    record Result(double loss, Map<String, TaskOutput> outputs) {
    }

    Result run(MultiDataSet data) {
        ComputationGraph g = model.graph();
        Workspaces.sizeFromFirstPass(g.getVertices().length);
        INDArray[] preOut = preActivations(g, data);
        LayerWorkspaceMgr none = LayerWorkspaceMgr.noWorkspaces();
        double loss = g.calcRegularizationScore(true);
        Map<String, TaskOutput> outputs = new LinkedHashMap<>();
        List<OutputSpec> specs = model.outputs();
        for (int i = 0; i < specs.size(); i++) {
            CnnLossLayer conf = losses.get(i);
            INDArray z = preOut[i].castTo(DataType.FLOAT);
            INDArray labels = data.getLabels(i).castTo(DataType.FLOAT);
            INDArray mask = data.getLabelsMaskArrays() == null ? null : data.getLabelsMaskArray(i);
            ILossFunction fn = conf.getLossFn();
            IActivation act = conf.getActivationFn();
            boolean nchw = conf.getFormat() == CNN2DFormat.NCHW && NchwLosses.supports(fn, act, z, labels, mask);
            INDArray z2d = nchw ? null
                    : ConvolutionUtils.reshape4dTo2d(z, conf.getFormat(), none, ArrayType.FF_WORKING_MEM);
            if (nchw) { // the built-in losses without 2-D copies, as the training step computes them
                loss += NchwLosses.compute(fn, act, z, labels, mask, null).orElseThrow() / z.size(0);
            } else {
                INDArray labels2d = ConvolutionUtils.reshape4dTo2d(labels, conf.getFormat(), none,
                        ArrayType.FF_WORKING_MEM);
                INDArray mask2d = mask == null ? null : ConvolutionUtils.reshapeMaskIfRequired(mask, z,
                        conf.getFormat(), none, ArrayType.FF_WORKING_MEM);
                loss += fn.computeScore(labels2d, z2d.dup(), act, mask2d, false) / z.size(0);
            }
            OutputSpec spec = specs.get(i);
            if (!spec.auxiliary() && spec.equals(model.finalOutput(spec.task()))) {
                if (z2d == null) {
                    z2d = ConvolutionUtils.reshape4dTo2d(z, conf.getFormat(), none, ArrayType.FF_WORKING_MEM);
                }
                INDArray a2d = act.getActivation(z2d.dup(), false);
                INDArray a = ConvolutionUtils.reshape2dTo4d(a2d, z.shape(), conf.getFormat(), none,
                        ArrayType.FF_WORKING_MEM);
                float[] values = a.dup('c').data().asFloat();
                outputs.put(spec.task(), new TaskOutput(values, (int) z.size(0), (int) z.size(1), (int) z.size(2),
                        (int) z.size(3)));
            }
        }
        return new Result(loss, outputs);
    }
}
