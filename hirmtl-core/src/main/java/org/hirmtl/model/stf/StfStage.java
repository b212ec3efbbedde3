package org.hirmtl.model.stf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hirmtl.api.ScaleStageFactory;
import org.hirmtl.api.config.StfConfig;
import org.hirmtl.api.graph.Handle;
import org.hirmtl.api.graph.ModelGraph;
import org.nd4j.linalg.activations.Activation;

/**
 * HirMTL's scale level, shared and fine-tuned (STF): per scale a shared projection
 * {@code S_s = ConvBNReLU1x1(F_s)} to C channels, and per (scale, task) a residual fine-tuning block
 * {@code F_{s,t} = ReLU(S_s + BN(Conv3x3(ReLU(BN(Conv3x3(S_s))))))}. With {@code fineTune = false} (registered as
 * {@code shared}, the ablation) every task uses {@code S_s} directly.
 */
public final class StfStage implements ScaleStageFactory {
    private final String name;
    private final boolean fineTune;

    /** @param name the registered name @param fineTune whether to add the per-task residual blocks */
    public StfStage(String name, boolean fineTune) {
        this.name = name;
        this.fineTune = fineTune;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Map<String, List<Handle>> build(ModelGraph g, List<Handle> features, List<String> tasks,
                                           StfConfig config) {
        int c = config.channels();
        List<Handle> shared = new ArrayList<>();
        for (Handle f : features) {
            shared.add(g.convBnRelu("shared/s" + f.stride() + "/proj", f, c, 1));
        }
        Map<String, List<Handle>> out = new LinkedHashMap<>();
        for (String task : tasks) {
            List<Handle> perScale = new ArrayList<>();
            for (Handle s : shared) {
                perScale.add(fineTune ? residual(g, task + "/s" + s.stride() + "/stf", s, c) : s);
            }
            out.put(task, perScale);
        }
        return out;
    }

    private static Handle residual(ModelGraph g, String scope, Handle s, int c) {
        Handle a = g.convBnRelu(scope + "/conv1", s, c, 3);
        Handle b = g.convBn(scope + "/conv2", a, c, 3, 1, Activation.IDENTITY);
        return g.activation(scope + "/relu", g.add(scope + "/sum", s, b), Activation.RELU);
    }
}
