package org.hirmtl.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.hirmtl.builtin.BuiltinComponents;
import org.hirmtl.checkpoint.Checkpoints;
import org.hirmtl.config.ConfigLoader;
import org.hirmtl.config.ExperimentConfig;
import org.hirmtl.registry.Components;
import org.hirmtl.train.TrainListener;
import org.hirmtl.train.Trainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With one batch per step, training on Spark is training: 4 steps on {@code local[1]} end with the parameters and
 * optimiser state of 4 local steps, bit for bit (this caught DL4J restarting the executors' step counter).
 */
class SparkEquivalenceTest {
    @TempDir
    Path tmp;

    @Test
    void oneWorkerPerStepEqualsLocalTrainingBitForBit() throws Exception {
        Components c = BuiltinComponents.registries();
        ExperimentConfig cfg = new ConfigLoader(c).loadDefaults(List.of("data.root=" + tmp.resolve("synth"),
                "data.image_size=64x64", "data.synth.size=64x64", "data.synth.train=16", "data.synth.val=4",
                "data.synth.classes=6", "tasks=[semseg, depth]", "tasks.semseg.options.classes=6",
                "model.backbone.widths=[8,8,16,16]", "model.stf.channels=8", "model.head.channels=8",
                "train.batch_size=4", "train.epochs=1", "train.checkpoint.every_minutes=0")).config();
        new Trainer(c, TrainListener.NONE).train(cfg, tmp.resolve("local"), false);
        SparkConf conf = new SparkConf().setMaster("local[1]").setAppName("equivalence")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1");
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            new Trainer(c, TrainListener.NONE, x -> new SparkStepRunner(sc, x)).train(cfg, tmp.resolve("spark"), false);
        }
        ConfigLoader loader = new ConfigLoader(c);
        ComputationGraph a = Checkpoints.read(tmp.resolve("local/last.zip"), loader, true).model().graph();
        ComputationGraph b = Checkpoints.read(tmp.resolve("spark/last.zip"), loader, true).model().graph();
        assertEquals(4, b.getIterationCount());
        assertEquals(0.0, a.params().sub(b.params()).amaxNumber().doubleValue(), "parameters");
        assertEquals(0.0, a.getUpdater().getStateViewArray().sub(b.getUpdater().getStateViewArray()).amaxNumber()
                .doubleValue(), "optimiser state");
    }
}
