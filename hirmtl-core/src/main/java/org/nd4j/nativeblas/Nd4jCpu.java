package org.nd4j.nativeblas;

/**
 * Compatibility shim that re-enables DL4J's oneDNN layer helpers in 1.0.0-M2.1. Do not use directly.
 *
 * <p>{@code org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper#mklDnnEnabled()} looks up the class
 * {@code org.nd4j.nativeblas.Nd4jCpu$Environment} and calls {@code getInstance().isUseMKLDNN()} by reflection. M2.1
 * moved that class to {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment} and renamed the method to
 * {@code isUseONEDNN()}, so the lookup fails and DL4J silently falls back to its slow built-in convolution, batch
 * norm and pooling. This class answers the old lookup by delegating to the new one. It is activated together with the
 * system property {@code org.eclipse.deeplearning4j.helpers.disable=false} by
 * {@link org.hirmtl.engine.OneDnn#enable()}, the only place that should touch it.
 *
 * <p>The class name is fixed by DL4J's reflective lookup; it cannot live in an {@code org.hirmtl} package.
 */
public final class Nd4jCpu {
    private Nd4jCpu() {
    }

    /** The old name of ND4J's native environment, as DL4J's oneDNN helpers look it up. */
    public static final class Environment {
        private static final Environment INSTANCE = new Environment();

        private Environment() {
        }

        /** The singleton, as in the original binding. */
        public static Environment getInstance() {
            return INSTANCE;
        }

        /** Whether the native backend runs oneDNN primitives (delegates to {@code isUseONEDNN()}). */
        public boolean isUseMKLDNN() {
            try {
                Class<?> env = Class.forName("org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment");
                Object instance = env.getMethod("getInstance").invoke(null);
                return (Boolean) env.getMethod("isUseONEDNN").invoke(instance);
            } catch (ReflectiveOperationException | LinkageError e) {
                return false;
            }
        }
    }
}
