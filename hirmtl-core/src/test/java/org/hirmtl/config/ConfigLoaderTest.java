package org.hirmtl.config;

import static org.hirmtl.config.ConfigFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hirmtl.api.config.TaskConfig;
import org.hirmtl.builtin.BuiltinComponents;
import org.hirmtl.registry.Components;
import org.hirmtl.task.depth.DepthTask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    private final ConfigLoader loader = new ConfigLoader(BuiltinComponents.registries());

    @TempDir
    Path dir;

    @Test
    void defaultsAreTheSyntheticQuickStart() {
        LoadedConfig loaded = loader.loadDefaults(List.of());
        ExperimentConfig c = loaded.config();
        assertTrue(loaded.sources().isEmpty());
        assertEquals("resnet18", c.model().backbone().type());
        assertEquals(List.of(16, 32, 64, 128), c.model().backbone().widths());
        assertEquals(List.of("semseg", "depth", "normals", "edge", "saliency"), c.taskNames());
        assertEquals(10.0, c.tasks().get("normals").weight());
        assertEquals(8, c.tasks().get("semseg").options().get("classes"));
        assertEquals("synthetic", c.data().type());
        assertTrue(c.data().autoRoot());
        assertEquals(new ImageSize(128, 160), c.data().imageSize());
        assertEquals(new ImageSize(128, 160), c.data().synth().size());
        assertEquals(0.011, c.eval().edgeMaxDist());
    }

    @Test
    void fileMergesOverDefaultsAndLists() {
        Path f = write(dir, "a.yaml",
                "train:",
                "  epochs: 3",
                "data:",
                "  augment:",
                "    scale: [0.5, 2.0]");
        LoadedConfig loaded = loader.load(f, List.of());
        assertEquals(3, loaded.config().train().epochs());
        assertEquals(8, loaded.config().train().batchSize());
        assertEquals(List.of(0.5, 2.0), loaded.config().data().augment().scale());
        assertEquals(List.of(f), loaded.sources());
    }

    @Test
    void extendsIsRelativeToTheExtendingFileAndRecursive() {
        write(dir, "base/root.yaml", "train:", "  epochs: 7", "  batch_size: 4");
        write(dir, "base/mid.yaml", "extends: root.yaml", "train:", "  batch_size: 2", "name: mid");
        Path top = write(dir, "exp/top.yaml", "extends: [../base/mid.yaml]", "name: top");
        LoadedConfig loaded = loader.load(top, List.of());
        assertEquals("top", loaded.config().name());
        assertEquals(7, loaded.config().train().epochs());
        assertEquals(2, loaded.config().train().batchSize());
        assertEquals(List.of(dir.resolve("base/root.yaml"), dir.resolve("base/mid.yaml"), top),
                loaded.sources());
    }

    @Test
    void sharedBaseIsAppliedOnceBeforeBothParents() {
        write(dir, "common.yaml", "train:", "  epochs: 1", "  batch_size: 1");
        write(dir, "b.yaml", "extends: common.yaml", "train:", "  epochs: 5");
        write(dir, "c.yaml", "extends: common.yaml", "train:", "  batch_size: 6");
        Path a = write(dir, "a.yaml", "extends: [b.yaml, c.yaml]");
        ExperimentConfig c = loader.load(a, List.of()).config();
        assertEquals(5, c.train().epochs());
        assertEquals(6, c.train().batchSize());
    }

    @Test
    void extendsCycleIsAnError() {
        write(dir, "x.yaml", "extends: y.yaml");
        write(dir, "y.yaml", "name: y", "extends: x.yaml");
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(dir.resolve("x.yaml"), List.of()));
        assertEquals("extends", e.yamlPath());
        assertEquals(dir.resolve("y.yaml"), e.file());
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("cycle " + dir.resolve("x.yaml") + " -> " + dir.resolve("y.yaml")
                + " -> " + dir.resolve("x.yaml")), e.getMessage());
    }

    @Test
    void missingBaseNamesTheExtendingLine() {
        Path f = write(dir, "a.yaml", "name: a", "extends:", "  - nope.yaml");
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(f, List.of()));
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());
    }

    @Test
    void setOverridesScalarsAndLists() {
        ExperimentConfig c = loader.loadDefaults(List.of("train.epochs=20", "train.optimizer.lr=1e-4",
                "data.augment.scale=[0.8,1.2]", "data.image_size=64x80", "tasks.edge.weight=20",
                "tasks.semseg.options.classes=13", "model.backbone.widths=[]")).config();
        assertEquals(20, c.train().epochs());
        assertEquals(1e-4, c.train().optimizer().lr());
        assertEquals(List.of(0.8, 1.2), c.data().augment().scale());
        assertEquals(new ImageSize(64, 80), c.data().imageSize());
        assertEquals(20.0, c.tasks().get("edge").weight());
        assertEquals(13, c.tasks().get("semseg").options().get("classes"));
        assertTrue(c.model().backbone().widths().isEmpty());
    }

    @Test
    void setOfUnknownPathIsAnError() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> loader.loadDefaults(List.of("train.epoch=3")));
        assertEquals("train.epoch", e.yamlPath());
        assertEquals("--set train.epoch=3: unknown key train.epoch (known: epochs, batch_size, optimizer, "
                + "schedule, grad_clip, seed, checkpoint, early_stopping, weighting, parallel)", e.getMessage());
        assertThrows(ConfigException.class, () -> loader.loadDefaults(List.of("train.epochs.x=3")));
        assertThrows(ConfigException.class, () -> loader.loadDefaults(List.of("tasks.parts.weight=3")));
        assertThrows(ConfigException.class, () -> loader.loadDefaults(List.of("train.epochs")));
    }

    @Test
    void setOfWrongTypeIsAnError() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> loader.loadDefaults(List.of("train.epochs=ten")));
        assertEquals("--set train.epochs=ten: train.epochs: expected an integer, got 'ten'", e.getMessage());
        assertEquals(0, e.line());
    }

    @Test
    void tasksReplaceTheDefaultListAndTakePerTaskDefaults() {
        Path f = write(dir, "t.yaml",
                "tasks:",
                "  semseg:",
                "    options: {classes: 40}",
                "  edge:",
                "  parts: 3");
        ExperimentConfig c = loader.load(f, List.of()).config();
        assertEquals(List.of("semseg", "edge", "parts"), c.taskNames());
        assertEquals(1.0, c.tasks().get("semseg").weight());
        assertEquals(Map.of("classes", 40), c.tasks().get("semseg").options());
        assertEquals(new TaskConfig(50.0, Map.of("positive_weight", 0.95)), c.tasks().get("edge"));
        assertEquals(3.0, c.tasks().get("parts").weight());
    }

    @Test
    void tasksMayBeAListOfNames() {
        Path f = write(dir, "t.yaml", "tasks: [depth, normals]");
        ExperimentConfig c = loader.load(f, List.of("tasks.normals.weight=4")).config();
        assertEquals(List.of("depth", "normals"), c.taskNames());
        assertEquals(4.0, c.tasks().get("normals").weight());
        assertFalse(c.tasks().containsKey("semseg"));
    }

    @Test
    void pluginTaskWithoutWeightIsAnError() {
        Components withPlugin = BuiltinComponents.registries();
        withPlugin.registrar("p").task("albedo", new DepthTask());
        Path f = write(dir, "t.yaml", "tasks:", "  depth:", "  albedo:", "    options: {}");
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader(withPlugin).load(f, List.of()));
        assertEquals("tasks.albedo.weight", e.yamlPath());
        assertEquals(3, e.line());
        Path g = write(dir, "u.yaml", "tasks:", "  depth:", "  albedo: {weight: 2}");
        assertEquals(2.0, new ConfigLoader(withPlugin).load(g, List.of()).config().tasks().get("albedo").weight());
    }

    @Test
    void emptySectionKeepsDefaults() {
        Path f = write(dir, "e.yaml", "model:", "data:", "  augment:");
        assertEquals(loader.loadDefaults(List.of()).config(), loader.load(f, List.of()).config());
    }

    @Test
    void mergeKeysWork() {
        Path f = write(dir, "m.yaml",
                "optim: &o {type: sgd, lr: 0.01, weight_decay: 0.0, momentum: 0.9}",
                "train:",
                "  optimizer:",
                "    <<: *o",
                "    lr: 0.1");
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(f, List.of()));
        assertEquals("optim", e.yamlPath());
        Path g = write(dir, "n.yaml", "train:", "  optimizer:", "    <<: {type: sgd, lr: 0.01}", "    lr: 0.1");
        OptimizerConfig o = loader.load(g, List.of()).config().train().optimizer();
        assertEquals("sgd", o.type());
        assertEquals(0.1, o.lr());
    }
}
