package org.hirmtl.export.onnx;

import java.util.List;
import java.util.Map;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU6;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftPlus;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationSwish;
import org.nd4j.linalg.activations.impl.ActivationTanH;

/**
 * DL4J activation functions as ONNX nodes: identity, ReLU (with DL4J's optional negative slope and maximum), ReLU6,
 * leaky ReLU, sigmoid, tanh, ELU, softplus, swish, and softmax over channels where DL4J computes it per pixel (loss
 * layers). Anything else is an {@link OnnxExportException} naming the vertex.
 */
final class Activations {
    static final String SUPPORTED = "identity, relu, relu6, leakyrelu, sigmoid, tanh, elu, softplus, swish; softmax "
            + "only in output (loss) layers";

    private Activations() {
    }

    /** Whether {@code act} changes nothing (then a layer can write its output directly). */
    static boolean isIdentity(IActivation act) {
        return act == null || act.getClass() == ActivationIdentity.class;
    }

    /**
     * Writes {@code act(in)} to {@code out}.
     *
     * @param softmaxOverChannels whether a softmax is allowed, meaning softmax over axis 1 (DL4J's loss layers
     *                            reshape to one row per pixel); elsewhere DL4J's rank-4 softmax is backend-dependent
     */
    static void apply(OnnxGraphWriter g, IActivation act, String in, String out, Site site, boolean softmaxOverChannels) {
        Class<?> type = act == null ? ActivationIdentity.class : act.getClass();
        if (type == ActivationIdentity.class) {
            g.node("Identity", List.of(in), List.of(out), Map.of());
        } else if (type == ActivationReLU.class) {
            relu(g, (ActivationReLU) act, in, out, site);
        } else if (type == ActivationReLU6.class) {
            g.node("Clip", List.of(in, g.scalar("zero", 0f), g.scalar("six", 6f)), List.of(out), Map.of());
        } else if (type == ActivationLReLU.class) {
            g.node("LeakyRelu", List.of(in), List.of(out), Map.of("alpha", ((ActivationLReLU) act).getAlpha()));
        } else if (type == ActivationSigmoid.class) {
            g.node("Sigmoid", List.of(in), List.of(out), Map.of());
        } else if (type == ActivationTanH.class) {
            g.node("Tanh", List.of(in), List.of(out), Map.of());
        } else if (type == ActivationELU.class) {
            g.node("Elu", List.of(in), List.of(out), Map.of("alpha", ((ActivationELU) act).getAlpha()));
        } else if (type == ActivationSoftPlus.class) {
            g.node("Softplus", List.of(in), List.of(out), Map.of());
        } else if (type == ActivationSwish.class) {
            g.node("Mul", List.of(in, g.node("Sigmoid", in)), List.of(out), Map.of());
        } else if (type == ActivationSoftmax.class && softmaxOverChannels) {
            g.channelSoftmax(in, out);
        } else {
            throw site.unsupported("activation " + act + " has no ONNX mapping here (supported: " + SUPPORTED + ")");
        }
    }

    /** DL4J's configurable ReLU: {@code min(max, x < 0 ? slope·x : x)}; a non-zero threshold is not exported. */
    private static void relu(OnnxGraphWriter g, ActivationReLU act, String in, String out, Site site) {
        if (act.getThreshold() != null && act.getThreshold() != 0.0) {
            throw site.unsupported("ReLU with threshold " + act.getThreshold() + " has no ONNX mapping");
        }
        boolean leaky = act.getNegativeSlope() != null && act.getNegativeSlope() != 0.0;
        boolean capped = act.getMax() != null;
        String rectified = capped ? g.fresh(leaky ? "LeakyRelu" : "Relu") : out;
        if (leaky) {
            g.node("LeakyRelu", List.of(in), List.of(rectified), Map.of("alpha", act.getNegativeSlope()));
        } else {
            g.node("Relu", List.of(in), List.of(rectified), Map.of());
        }
        if (capped) {
            g.node("Min", List.of(rectified, g.scalar("max", act.getMax().floatValue())), List.of(out), Map.of());
        }
    }
}
