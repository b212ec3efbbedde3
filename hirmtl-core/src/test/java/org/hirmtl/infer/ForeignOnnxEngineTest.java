package org.hirmtl.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hirmtl.api.data.TargetKind;
import org.hirmtl.model.Normalisation;
import org.junit.jupiter.api.Test;

/** {@link ForeignOnnxEngine}'s input normalisation and output activations, on values worked out by hand. */
class ForeignOnnxEngineTest {
    @Test
    void labelLogitsGetASoftmaxOverChannelsBinaryMapsASigmoidTheRestStay() {
        // one image, 2 channels, 1x2 pixels: channel-major
        TaskOutput logits = new TaskOutput(new float[] {0f, 2f, (float) Math.log(3), 0f}, 1, 2, 1, 2);
        TaskOutput p = ForeignOnnxEngine.activate(logits, TargetKind.LABELS);
        // pixel 0: softmax(0, ln 3) = (1/4, 3/4); pixel 1: softmax(2, 0) = (e²/(e²+1), 1/(e²+1))
        double e2 = Math.exp(2);
        assertArrayEquals(new float[] {0.25f, (float) (e2 / (e2 + 1)), 0.75f, (float) (1 / (e2 + 1))}, p.data(),
                1e-6f);
        TaskOutput s = ForeignOnnxEngine.activate(new TaskOutput(new float[] {0f, (float) Math.log(3)}, 1, 1, 1, 2),
                TargetKind.BINARY);
        assertArrayEquals(new float[] {0.5f, 0.75f}, s.data(), 1e-6f);
        TaskOutput depth = new TaskOutput(new float[] {-1f, 3f}, 1, 1, 1, 2);
        assertArrayEquals(depth.data(), ForeignOnnxEngine.activate(depth, TargetKind.DEPTH).data());
        TaskOutput ids = new TaskOutput(new float[] {4f, 1f}, 1, 1, 1, 2);
        assertArrayEquals(ids.data(), ForeignOnnxEngine.activate(ids, TargetKind.LABELS).data(),
                "a one-channel label output holds class ids");
    }

    @Test
    void imagenetNormalisationPerChannel() {
        float[] rgb = {0.485f, 1f, 0.456f, 0f, 0.406f, 0.5f}; // 3 channels x 2 pixels
        ForeignOnnxEngine.normalise(rgb, 2, Normalisation.IMAGENET);
        assertEquals(0f, rgb[0], 1e-6f);
        assertEquals((1 - 0.485) / 0.229, rgb[1], 1e-5);
        assertEquals(0f, rgb[2], 1e-6f);
        assertEquals(-0.456 / 0.224, rgb[3], 1e-5);
        assertEquals((0.5 - 0.406) / 0.225, rgb[5], 1e-5);
    }
}
