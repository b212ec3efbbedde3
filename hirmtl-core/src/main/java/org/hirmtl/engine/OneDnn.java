package org.hirmtl.engine;

import org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Turns DL4J's oneDNN layer helpers (convolution, batch norm, pooling) back on — the one place that does so.
 *
 * <p>In DL4J 1.0.0-M2.1 they are off for two reasons: {@code HelperUtils} reads the system property
 * {@code org.eclipse.deeplearning4j.helpers.disable} with default {@code true}, and
 * {@code BaseMKLDNNHelper.mklDnnEnabled()} reflects on a class that M2.1 renamed (answered by the shim
 * {@link org.nd4j.nativeblas.Nd4jCpu.Environment}). With both fixed, training a conv net was measured 5.5x faster on
 * this project's CPUs, with equal results within float noise ({@code OneDnnTest} checks activity and equality).
 *
 * <p>Call {@link #enable()} before any network is built (helpers are chosen when a layer is instantiated). On the
 * CUDA backend this is a no-op: DL4J picks cuDNN helpers there.
 */
public final class OneDnn {
    /** The system property DL4J reads to decide whether to create any layer helper. */
    public static final String DISABLE_PROPERTY = "org.eclipse.deeplearning4j.helpers.disable";
    /** Set to {@code false} to keep the helpers off (for comparisons); default on. */
    public static final String OPT_OUT_PROPERTY = "hirmtl.onednn";

    private OneDnn() {
    }

    /**
     * Enables the helpers unless {@code -Dhirmtl.onednn=false} was given.
     *
     * @return whether DL4J now reports oneDNN helpers as usable
     */
    public static synchronized boolean enable() {
        if ("false".equalsIgnoreCase(System.getProperty(OPT_OUT_PROPERTY))) {
            System.setProperty(DISABLE_PROPERTY, "true");
            return false;
        }
        System.setProperty(DISABLE_PROPERTY, "false");
        Nd4j.getEnvironment().allowHelpers(true);
        return isActive();
    }

    /** Disables the helpers for layers created from now on (used by the equivalence test and benchmarks). */
    public static synchronized void disable() {
        System.setProperty(DISABLE_PROPERTY, "true");
    }

    /** Whether layers created now would get oneDNN helpers. */
    public static boolean isActive() {
        return !Boolean.parseBoolean(System.getProperty(DISABLE_PROPERTY, "true"))
                && BaseMKLDNNHelper.mklDnnEnabled();
    }

    /**
     * Gives a built or restored graph what the toolkit trains and infers with: the convolution cache
     * ({@link CacheModes}), and the toolkit's own oneDNN batch-norm and convolution helpers ({@link OneDnnBatchNorm},
     * {@link OneDnnConvolution}) where enabled. Everything that builds or restores a graph calls it (the model builder,
     * checkpoints, the plugin contract-test kit), so that a restored model computes what the saved one did.
     */
    public static void installHelpers(org.deeplearning4j.nn.graph.ComputationGraph graph) {
        CacheModes.apply(graph);
        OneDnnBatchNorm.install(graph);
        OneDnnConvolution.install(graph);
    }
}
