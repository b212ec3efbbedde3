package org.hirmtl.model.vertices;

import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.hirmtl.api.vertex.ParameterFreeVertexImpl;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Runtime of {@link ScaleSoftmaxFusionVertex}: {@code out = sum_s softmax_s(A)[:, s] * F_s}.
 *
 * <p>Backward, with {@code w = softmax(A)} recomputed and {@code e} the output gradient:
 * {@code dF_s = w_s * e}; {@code g_s = sum_c(e * F_s)} ({@code [N,1,H,W]});
 * {@code dA_s = w_s (g_s - sum_t w_t g_t)}.
 *
 * <p>The softmax is computed here with max subtraction, never with ND4J's native {@code softmax} op, which is wrong
 * along dimension 1 of rank-4 arrays when oneDNN is on. Broadcasting {@code [N,1,H,W]} against {@code [N,C,H,W]} uses
 * ND4J's numpy-style pairwise ops ({@code mul(other, result)}).
 */
@SuppressWarnings("overrides") // Lombok's BaseGraphVertex.setInputs(INDArray[]) implements a varargs method
public final class ScaleSoftmaxFusionVertexImpl extends ParameterFreeVertexImpl {
    private static final long serialVersionUID = 1L;

    private final int numScales;

    /**
     * @param graph     the graph this vertex belongs to
     * @param name      the vertex name
     * @param index     the vertex index in the graph
     * @param numScales {@code S}, the number of scale features
     * @param dataType  the network's data type
     */
    public ScaleSoftmaxFusionVertexImpl(ComputationGraph graph, String name, int index, int numScales,
            DataType dataType) {
        super(graph, name, index, dataType);
        this.numScales = numScales;
    }

    /**
     * Softmax over dimension 1 of an {@code [N, S, H, W]} array, stable for large logits (max subtraction). Returns a
     * new array; the input is not modified.
     */
    static INDArray softmaxOverChannels(INDArray logits) {
        INDArray weights = logits.sub(logits.max(true, 1));
        Transforms.exp(weights, false);
        return weights.divi(weights.sum(true, 1));
    }

    @Override
    public INDArray doForward(boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (!canDoForward()) {
            throw new IllegalStateException(this + ": cannot do forward pass, inputs not set");
        }
        INDArray[] in = validatedInputs();
        INDArray weights = softmaxOverChannels(in[0]);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, in[1].shape(), 'c');
        weightOf(weights, 0).mul(in[1], out);
        if (numScales > 1) {
            INDArray product = Nd4j.createUninitialized(dataType, in[1].shape(), 'c');
            for (int s = 1; s < numScales; s++) {
                weightOf(weights, s).mul(in[s + 1], product);
                out.addi(product);
            }
        }
        return out;
    }

    @Override
    public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
        if (!canDoBackward()) {
            throw new IllegalStateException(this + ": cannot do backward pass, inputs or epsilon not set");
        }
        INDArray[] in = validatedInputs();
        INDArray eps = epsilon.castTo(dataType);
        CnnShapes.requireSameShape(in[1], eps, vertexName, "the output gradient");
        INDArray weights = softmaxOverChannels(in[0]);
        INDArray[] grads = new INDArray[numScales + 1];
        // dA first holds g_s = sum_c(e * F_s), then becomes w * (g - sum_t w_t g_t).
        INDArray dA = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, in[0].shape(), 'c');
        INDArray product = Nd4j.createUninitialized(dataType, eps.shape(), 'c');
        for (int s = 0; s < numScales; s++) {
            INDArray dF = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, eps.shape(), 'c');
            weightOf(weights, s).mul(eps, dF);
            grads[s + 1] = dF;
            eps.mul(in[s + 1], product);
            weightOf(dA, s).assign(product.sum(true, 1));
        }
        INDArray weightedMean = weights.mul(dA).sum(true, 1);
        dA.subi(weightedMean).muli(weights);
        grads[0] = dA;
        return new Pair<>(null, grads);
    }

    /** The {@code [N, 1, H, W]} view of channel {@code s}. */
    private static INDArray weightOf(INDArray weights, int s) {
        return weights.get(NDArrayIndex.all(), NDArrayIndex.interval(s, s + 1), NDArrayIndex.all(),
                NDArrayIndex.all());
    }

    /** The inputs cast to the network type, after checking their number and shapes. */
    private INDArray[] validatedInputs() {
        if (inputs.length != numScales + 1) {
            throw new IllegalStateException(this + ": expected " + (numScales + 1) + " inputs (the scale logits, then "
                    + numScales + " scale features), got " + inputs.length);
        }
        INDArray[] in = new INDArray[inputs.length];
        for (int i = 0; i < in.length; i++) {
            in[i] = inputs[i].castTo(dataType);
        }
        CnnShapes.requireRank4(in[0], vertexName, "input 0 (scale logits)");
        if (in[0].size(1) != numScales) {
            throw new IllegalStateException(vertexName + ": the scale logits (input 0) must have " + numScales
                    + " channels, one per scale feature, got " + in[0].size(1));
        }
        CnnShapes.requireRank4(in[1], vertexName, "input 1 (scale feature 1)");
        CnnShapes.requireSameBatchAndSpatial(in[0], in[1], vertexName, "input 1 (scale feature 1)");
        for (int i = 2; i < in.length; i++) {
            CnnShapes.requireSameShape(in[1], in[i], vertexName, "input " + i + " (scale feature " + i + ")");
        }
        return in;
    }

    @Override
    public String toString() {
        return "ScaleSoftmaxFusionVertex(name=\"" + vertexName + "\", numScales=" + numScales + ")";
    }
}
