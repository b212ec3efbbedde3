package org.hirmtl.data.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.hirmtl.api.data.DenseMap;
import org.hirmtl.api.data.Sample;
import org.hirmtl.api.data.TargetKind;
import org.junit.jupiter.api.Test;

class AugmentationTest {
    private static Sample sample() {
        DenseMap img = DenseMap.zeros(3, 4, 6);
        DenseMap seg = DenseMap.zeros(1, 4, 6);
        DenseMap normals = DenseMap.zeros(3, 4, 6);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 6; x++) {
                img.set(0, y, x, x / 10f);
                seg.set(0, y, x, x);
                normals.set(0, y, x, 0.6f);
                normals.set(2, y, x, 0.8f);
            }
        }
        return new Sample("s", img, Map.of("semseg", seg, "normals", normals));
    }

    @Test
    void flipMirrorsEveryMapAndNegatesNormalX() {
        Augmentation a = new Augmentation(4, 6, true, 1, 1, false, 0, TargetKind::ofBuiltinTask);
        boolean sawFlip = false;
        for (int seed = 0; seed < 8; seed++) {
            Sample out = a.apply(sample(), new SplittableRandom(seed));
            boolean flipped = out.target("semseg").get(0, 0, 0) == 5f;
            sawFlip |= flipped;
            assertEquals(flipped ? -0.6f : 0.6f, out.target("normals").get(0, 1, 1));
            assertEquals(0.8f, out.target("normals").get(2, 1, 1));
            assertEquals(out.target("semseg").get(0, 2, 3) / 10f, out.image().get(0, 2, 3), 1e-6,
                    "image and labels stay aligned");
        }
        assertTrue(sawFlip);
    }

    @Test
    void downScaledCropIsPaddedWithIgnoreValues() {
        Augmentation a = new Augmentation(4, 6, false, 0.5, 0.5, true, 0, TargetKind::ofBuiltinTask);
        Sample out = a.apply(sample(), new SplittableRandom(1));
        int ignored = 0;
        int invalidNormals = 0;
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 6; x++) {
                ignored += out.target("semseg").get(0, y, x) == TargetKind.IGNORE ? 1 : 0;
                invalidNormals += out.target("normals").get(2, y, x) == 0f ? 1 : 0;
            }
        }
        assertEquals(24 - 6, ignored, "a 2x3 window of content, the rest padding");
        assertEquals(ignored, invalidNormals);
    }

    @Test
    void sameRandomGeneratorGivesSameOutput() {
        Augmentation a = new Augmentation(4, 6, true, 0.8, 1.6, true, 0.5, TargetKind::ofBuiltinTask);
        assertEquals(a.apply(sample(), new SplittableRandom(9)).image(),
                a.apply(sample(), new SplittableRandom(9)).image());
    }

    @Test
    void zoomingInByTwoHalvesDepth() {
        DenseMap depth = DenseMap.zeros(1, 4, 6);
        java.util.Arrays.fill(depth.data(), 3f);
        depth.set(0, 1, 1, 0f); // missing
        Sample s = new Sample("d", DenseMap.zeros(3, 4, 6), Map.of("depth", depth));
        Augmentation zoom = new Augmentation(4, 6, false, 2, 2, true, 0, TargetKind::ofBuiltinTask);
        DenseMap out = zoom.apply(s, new SplittableRandom(1)).target("depth");
        for (float v : out.data()) {
            assertTrue(v == 1.5f || v == 0f, "3 m seen twice as near is 1.5 m; missing stays 0, got " + v);
        }
        Augmentation none = new Augmentation(4, 6, false, 1, 1, true, 0, TargetKind::ofBuiltinTask);
        assertEquals(3f, none.apply(s, new SplittableRandom(1)).target("depth").get(0, 0, 0), "no zoom, no change");
        assertEquals(3f, depth.get(0, 0, 0), "the sample itself is not modified");
    }

    @Test
    void contentSmallerThanTheNetworkIsPaddedBottomRight() {
        InputGeometry g = InputGeometry.padded(3, 5, 4);
        assertEquals(new InputGeometry(3, 5, 4, 8), g);
        Sample out = Augmentation.resizeOnly(g, TargetKind::ofBuiltinTask).apply(sample(), new SplittableRandom(0));
        assertEquals(4, out.image().height());
        assertEquals(8, out.image().width());
        assertEquals(0f, out.image().get(0, 3, 2), "padded image rows are 0");
        assertEquals(0f, out.image().get(0, 1, 6), "padded image columns are 0");
        assertEquals((float) TargetKind.IGNORE, out.target("semseg").get(0, 3, 1), "padded labels are ignored");
        assertEquals((float) TargetKind.IGNORE, out.target("semseg").get(0, 0, 7));
        assertTrue(out.target("semseg").get(0, 2, 4) < TargetKind.IGNORE, "content is kept");
        DenseMap back = g.toImage(out.target("semseg"), 3, 5);
        assertEquals(3, back.height());
        assertEquals(5, back.width());
        for (float v : back.data()) {
            assertTrue(v < TargetKind.IGNORE, "cropping removes the padding");
        }
    }
}
