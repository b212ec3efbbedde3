package org.hirmtl.export.onnx;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * DL4J's batch normalization at inference as one ONNX {@code BatchNormalization} node:
 * {@code y = γ (x − mean) / sqrt(var + ε) + β} per channel, with the running statistics.
 *
 * <p>Two facts of DL4J 1.0.0-M2.1 that the export reproduces:
 * <ul>
 *   <li>with {@code useLogStd} (the builder's default) the running variance is stored as {@code log10(std)}; the
 *       variance is {@code (10^p)²}, computed in float as DL4J does;</li>
 *   <li>the layer's configured <b>activation is never applied</b> ({@code BatchNormalization.activate} returns the
 *       normalised values), so none is exported either; each such layer is reported in
 *       {@link OnnxExport#warnings()}. With {@code lockGammaBeta}, DL4J applies the fixed γ and β only when
 *       {@code γ ≠ 1 and β ≠ 0}, otherwise none of them — also reproduced.</li>
 * </ul>
 */
final class BatchNormExport {
    private BatchNormExport() {
    }

    static void convert(OnnxGraphWriter g, BatchNormalization bn, String in, String out, Site site) {
        LayerExport.requireNchw(bn.getCnn2DFormat(), site);
        INDArray mean = LayerExport.flat(LayerExport.param(g, "mean", site));
        INDArray var = bn.isUseLogStd() ? varianceFromLog10Std(LayerExport.param(g, "log10stdev", site))
                : LayerExport.param(g, "var", site);
        long c = mean.length();
        INDArray gamma;
        INDArray beta;
        if (bn.isLockGammaBeta()) {
            boolean applied = bn.getGamma() != 1.0 && bn.getBeta() != 0.0;
            gamma = Nd4j.valueArrayOf(new long[] {c}, applied ? bn.getGamma() : 1.0, DataType.FLOAT);
            beta = Nd4j.valueArrayOf(new long[] {c}, applied ? bn.getBeta() : 0.0, DataType.FLOAT);
        } else {
            gamma = LayerExport.param(g, "gamma", site);
            beta = LayerExport.param(g, "beta", site);
        }
        if (!Activations.isIdentity(bn.getActivationFn())) {
            g.warn("'" + site.vertex() + "' (BatchNormalization) configures activation "
                    + bn.getActivationFn() + ", which DL4J 1.0.0-M2.1 does not apply; exported without it, as DL4J "
                    + "computes");
        }
        g.node("BatchNormalization", List.of(in, g.constant("scale", LayerExport.flat(gamma)),
                g.constant("B", LayerExport.flat(beta)), g.constant("mean", mean),
                g.constant("var", LayerExport.flat(var))), List.of(out), Map.of("epsilon", bn.getEps()));
    }

    /** {@code (10^p)²} in float, the way DL4J's inference computes it. */
    private static INDArray varianceFromLog10Std(INDArray log10Std) {
        INDArray p = log10Std.castTo(DataType.FLOAT);
        INDArray std = Transforms.pow(Nd4j.valueArrayOf(p.shape(), 10.0, DataType.FLOAT), p, true);
        return std.muli(std);
    }
}
