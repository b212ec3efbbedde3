package com.example.hirmtl;

import org.hirmtl.testkit.ComponentContract;
import org.hirmtl.testkit.ContractModel;
import org.junit.jupiter.api.Test;

/** The toolkit's contract kit on the plugin's fusion: shapes, finite values, training step, save/load, ONNX. */
class MaxFusionTest {
    @Test
    void keepsTheContract() {
        ContractModel model = ComponentContract.assertModelContract(new MaxFusionPlugin(), "model.fusion.type=max");
        ComponentContract.assertOnnxExportMatches(model);
    }
}
