package org.hirmtl.data.synth;

import java.util.Objects;
import java.util.SplittableRandom;
import org.hirmtl.api.data.DenseMap;

/**
 * Generates one synthetic indoor scene by ray casting (see the package description and {@link Scene} for the
 * conventions). Scene {@code i} of a spec depends only on {@code (spec, i)}: it draws from its own random stream,
 * seeded by hashing the seed with the index, so datasets are identical whatever the thread count or order.
 *
 * <p>Stateless and thread-safe.
 */
public final class SceneGenerator {
    /** Version of the generated content; bump whenever the output for a given spec changes. */
    public static final int VERSION = 1;

    /** A generator. */
    public SceneGenerator() {
    }

    /**
     * Renders scene {@code index} of {@code spec}.
     *
     * @throws IndexOutOfBoundsException if {@code index} is not in {@code 0 .. spec.scenes() - 1}
     */
    public Scene generate(SynthSpec spec, int index) {
        Objects.checkIndex(index, spec.scenes());
        SplittableRandom rng = new SplittableRandom(seedOf(spec.seed(), index));
        SplittableRandom sensorRng = rng.split();
        int h = spec.height();
        int w = spec.width();
        Layout layout = Layout.random(spec, rng);
        Renderer r = new Renderer(layout, h, w);
        r.render();
        float[] edge = Labels.edges(r.instances, r.classes, h, w);
        float[] saliency = Labels.saliency(r.classes);
        boolean[] holes = Sensor.depthHoles(r.depth, r.instances, h, w, sensorRng);
        Sensor.colourNoise(r.rgb, sensorRng);
        return new Scene(index, layout.camera, new DenseMap(3, h, w, r.rgb), new DenseMap(1, h, w, r.depth),
                new DenseMap(3, h, w, r.normals), r.classes, r.instances, new DenseMap(1, h, w, edge),
                new DenseMap(1, h, w, saliency), holes);
    }

    /** The seed of scene {@code index}: SplitMix64's finaliser over the dataset seed and the index. */
    static long seedOf(long seed, int index) {
        long z = seed * 0x9E3779B97F4A7C15L + (index + 1L) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
