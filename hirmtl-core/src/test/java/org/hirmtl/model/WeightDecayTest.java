package org.hirmtl.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.hirmtl.builtin.BuiltinComponents;
import org.hirmtl.config.ConfigException;
import org.hirmtl.config.ConfigLoader;
import org.hirmtl.registry.Components;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;

/** {@code weight_decay} is coupled L2 for adam/sgd (as PyTorch's Adam means it) and decoupled only for adamw. */
class WeightDecayTest {
    private static BaseLayer conv(String optimizer) {
        Components c = BuiltinComponents.registries();
        var cfg = new ConfigLoader(c).loadDefaults(List.of("data.image_size=32x32", "tasks=[depth]",
                "model.backbone.widths=[4,4,4,4]", "model.stf.channels=4", "model.head.channels=4",
                "train.optimizer.type=" + optimizer, "train.optimizer.weight_decay=0.01")).config();
        HirMtlModel m = new ModelBuilder(c).build(cfg, 10);
        BatchNormalization bn = (BatchNormalization) m.graph().getLayer("backbone/stem/bn").conf().getLayer();
        assertTrue(bn.getRegularizationByParam("gamma") == null, "batch norm is never decayed");
        for (var layer : m.graph().getLayers()) {
            if (layer.conf().getLayer() instanceof BaseLayer b && !(b instanceof BatchNormalization)) {
                assertEquals(1, b.getRegularization().size(), layer.conf().getLayer().getLayerName()
                        + " decays once (DL4J's global setting added it twice): " + b.getRegularization());
            }
        }
        return (BaseLayer) m.graph().getLayer("depth/head/logits").conf().getLayer();
    }

    private static Regularization only(List<Regularization> r) {
        assertEquals(1, r.size(), r.toString());
        return r.get(0);
    }

    @Test
    void adamAddsL2ToTheGradientOfWeightsAndBiases() {
        BaseLayer l = conv("adam");
        Regularization w = only(l.getRegularization());
        assertTrue(w instanceof L2Regularization, w.toString());
        assertEquals(0.01, ((L2Regularization) w).getL2().valueAt(0, 0), 1e-12);
        assertTrue(only(l.getRegularizationBias()) instanceof L2Regularization);
    }

    @Test
    void adamwDecaysDecoupledScaledByTheLearningRate() {
        BaseLayer l = conv("adamw");
        Regularization w = only(l.getRegularization());
        assertTrue(w instanceof WeightDecay wd && wd.isApplyLR(), w.toString());
        assertEquals(0.01, ((WeightDecay) w).getCoeff().valueAt(0, 0), 1e-12);
        assertTrue(only(l.getRegularizationBias()) instanceof WeightDecay);
    }

    @Test
    void anUnknownOptimizerNamesTheChoices() {
        ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
                () -> new ConfigLoader(BuiltinComponents.registries()).loadDefaults(List.of("train.optimizer.type=lamb")));
        assertEquals("unknown 'lamb' (known: adam, adamw, sgd)", e.detail());
    }
}
