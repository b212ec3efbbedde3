package org.hirmtl.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hirmtl.builtin.BuiltinComponents;
import org.hirmtl.config.ConfigLoader;
import org.hirmtl.config.ExperimentConfig;

/** CPU-tiny experiment configs for training tests: 64×64 synthetic scenes, narrow widths, a few steps. */
final class TinyRuns {
    private TinyRuns() {
    }

    static ExperimentConfig config(Path synthRoot, String... extra) {
        List<String> o = new ArrayList<>(List.of(
                "data.root=" + synthRoot,
                "data.image_size=64x64",
                "data.synth.size=64x64",
                "data.synth.train=8",
                "data.synth.val=4",
                "data.synth.classes=6",
                "data.workers=2",
                "tasks.semseg.options.classes=6",
                "model.backbone.widths=[8,8,16,16]",
                "model.stf.channels=8",
                "model.head.channels=8",
                "train.batch_size=4",
                "train.epochs=2",
                "train.optimizer.lr=0.001"));
        o.addAll(List.of(extra));
        return new ConfigLoader(BuiltinComponents.registries()).loadDefaults(o).config();
    }
}
