package org.hirmtl.data.transform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hirmtl.api.data.DenseMap;
import org.junit.jupiter.api.Test;

class ResizeTest {
    @Test
    void bilinearMatchesHalfPixelReference() {
        // PyTorch: F.interpolate(torch.tensor([[[[0.,1.],[2.,3.]]]]), size=(4,4), mode='bilinear', align_corners=False)
        DenseMap in = new DenseMap(1, 2, 2, new float[] {0, 1, 2, 3});
        DenseMap out = Resize.bilinear(in, 4, 4);
        float[] expected = {
            0.00f, 0.25f, 0.75f, 1.00f,
            0.50f, 0.75f, 1.25f, 1.50f,
            1.50f, 1.75f, 2.25f, 2.50f,
            2.00f, 2.25f, 2.75f, 3.00f};
        assertArrayEquals(expected, out.data(), 1e-6f);
    }

    @Test
    void nearestPicksSourcePixelsWithoutBlending() {
        DenseMap in = new DenseMap(1, 2, 2, new float[] {0, 1, 2, 255});
        DenseMap up = Resize.nearest(in, 4, 4);
        assertArrayEquals(new float[] {0, 0, 1, 1, 0, 0, 1, 1, 2, 2, 255, 255, 2, 2, 255, 255}, up.data());
        DenseMap down = Resize.nearest(up, 2, 2);
        assertEquals(in, down);
    }
}
