package org.hirmtl.eval.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.hirmtl.api.data.DenseMap;
import org.junit.jupiter.api.Test;

/**
 * Every metric on one pseudo-random 6x7 image, against golden values computed independently with numpy, written the
 * way the anchors do (np.argmax, masks, np.arccos of the clipped dot product, np.median). The generating script:
 * <pre>
 * class Lcg:                       # the same generator as below
 *     def next(s): s.x = (s.x * 1103515245 + 12345) % (1 &lt;&lt; 31); return s.x
 *     def uniform(s): return np.float32(s.next() / 2147483648.0)
 * r = Lcg(42)   # then, in this order, exactly the draws of the methods below:
 * gt = [r.next() % 6 ...] (5 -&gt; 255); scores = [r.uniform() ...] (5 x 42, CHW)
 * depth g = [r.uniform() * f32(5) ...], holes where r.next() % 7 == 0; p = [r.uniform() * f32(5) ...]
 * normals p, g = [r.uniform() * f32(2) - f32(1) ...] (3 x 42 each), g zeroed where r.next() % 5 == 0
 * saliency p = [r.uniform() ...]; t = [r.next() % 3 ...] (2 -&gt; 255); thresholds f32(k/20), salient = p &gt; t
 * </pre>
 */
class GoldenReferenceTest {

    private static final int H = 6;
    private static final int W = 7;
    private static final int N = H * W;

    /** A 31-bit linear congruential generator, reproducible in Python. */
    private static final class Lcg {
        private long x;

        Lcg(long seed) {
            x = seed;
        }

        long next() {
            x = (x * 1103515245L + 12345L) % (1L << 31);
            return x;
        }

        float uniform() {
            return (float) (next() / 2147483648.0);
        }
    }

    private final Lcg r = new Lcg(42);

    private float[] draw(int n, float scale, float shift) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.uniform() * scale - shift;
        }
        return v;
    }

    @Test
    void allMetricsMatchNumpyReferenceValues() {
        float[] gt = new float[N];
        for (int i = 0; i < N; i++) {
            long c = r.next() % 6;
            gt[i] = c == 5 ? 255 : c;
        }
        SegmentationMetric seg = new SegmentationMetric(5);
        seg.update(new DenseMap(5, H, W, draw(5 * N, 1, 0)), new DenseMap(1, H, W, gt));
        assertEquals(0.07079365079365078, seg.results().get("miou"), 1e-12);
        assertEquals(0.13793103448275862, seg.results().get("pixel_acc"), 1e-12);

        float[] g = draw(N, 5, 0);
        for (int i = 0; i < N; i++) {
            g[i] = r.next() % 7 == 0 ? 0 : g[i];
        }
        DepthMetric depth = new DepthMetric();
        depth.update(new DenseMap(1, H, W, draw(N, 5, 0)), new DenseMap(1, H, W, g));
        Map<String, Double> d = depth.results();
        assertEquals(2.0705998120988176, d.get("rmse"), 1e-12);
        assertEquals(1.2577188944091124, d.get("log_rmse"), 1e-12);
        assertEquals(0.904524040184071, d.get("abs_rel"), 1e-12);
        assertEquals(2.3559396099090684, d.get("sq_rel"), 1e-12);
        assertEquals(0.2647058823529412, d.get("delta1"), 1e-12);
        assertEquals(0.35294117647058826, d.get("delta2"), 1e-12);
        assertEquals(0.5294117647058824, d.get("delta3"), 1e-12);

        float[] pn = draw(3 * N, 2, 1);
        float[] gn = draw(3 * N, 2, 1);
        for (int i = 0; i < N; i++) {
            if (r.next() % 5 == 0) {
                gn[i] = gn[N + i] = gn[2 * N + i] = 0;
            }
        }
        NormalsMetric normals = new NormalsMetric(NormalsMetric.Protocol.FLOAT);
        normals.update(new DenseMap(3, H, W, pn), new DenseMap(3, H, W, gn));
        Map<String, Double> n = normals.results();
        assertEquals(40, normals.validPixels());
        assertEquals(97.5165183184458, n.get("mean"), 1e-9);
        assertEquals(106.90072595178617, n.get("median"), 5e-4);
        assertEquals(106.20378566968668, n.get("rmse"), 1e-9);
        assertEquals(0.0, n.get("within_11_25"), 1e-12);
        assertEquals(5.0, n.get("within_22_5"), 1e-12);
        assertEquals(7.5, n.get("within_30"), 1e-12);

        float[] ps = draw(N, 1, 0);
        float[] ts = new float[N];
        for (int i = 0; i < N; i++) {
            long c = r.next() % 3;
            ts[i] = c == 2 ? 255 : c;
        }
        SaliencyMetric sal = new SaliencyMetric();
        sal.update(new DenseMap(1, H, W, ps), new DenseMap(1, H, W, ts));
        assertEquals(0.5284552845528455, sal.results().get("maxf"), 1e-12);
        assertEquals(0.32723112128146453, sal.results().get("miou"), 1e-12);
    }
}
