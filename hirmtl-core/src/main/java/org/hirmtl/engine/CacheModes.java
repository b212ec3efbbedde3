package org.hirmtl.engine;

import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Keeps each convolution's forward result for its backward pass ({@code CacheMode.DEVICE}) instead of DL4J's default
 * of recomputing the convolution in backprop ({@code ConvolutionLayer.backpropGradient} calls {@code preOutput}
 * again unless the cache is on). The cache lives in the all-activations workspace of a training step; gradients are
 * the same (checked by {@code CacheModesTest}). {@code -Dhirmtl.cache=none} keeps DL4J's default, for comparisons.
 */
public final class CacheModes {
    /** The system property that turns the cache off ({@code none}). */
    public static final String PROPERTY = "hirmtl.cache";

    private CacheModes() {
    }

    /**
     * Sets the cache mode on the graph's configuration (DL4J only opens the cache workspace when the configuration
     * asks for it) and on every layer. Call after {@code init()} or a restore, before training.
     */
    public static void apply(ComputationGraph graph) {
        CacheMode mode = "none".equals(System.getProperty(PROPERTY)) ? CacheMode.NONE : CacheMode.DEVICE;
        graph.getConfiguration().setCacheMode(mode);
        graph.setCacheMode(mode);
    }
}
