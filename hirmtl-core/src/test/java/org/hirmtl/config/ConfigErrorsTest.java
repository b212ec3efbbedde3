package org.hirmtl.config;

import static org.hirmtl.config.ConfigFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hirmtl.api.config.ConfigValueException;
import org.hirmtl.builtin.BuiltinComponents;
import org.hirmtl.model.fusion.MeanFusion;
import org.hirmtl.registry.Components;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of mistake is reported with its YAML path, file and line. */
class ConfigErrorsTest {
    private final ConfigLoader loader = new ConfigLoader(BuiltinComponents.registries());

    @TempDir
    Path dir;

    private ConfigException fail(String... lines) {
        Path f = write(dir, "x.yaml", lines);
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(f, List.of()));
        assertEquals(f, e.file(), e.getMessage());
        return e;
    }

    private static String brief(ConfigException e) {
        return e.yamlPath() + ": " + e.detail();
    }

    @Test
    void unknownKeyNamesPathFileLineAndKnownKeys() {
        ConfigException e = fail(
                "# a comment",
                "name: typo",
                "model:",
                "  backbone:",
                "    type: resnet34",
                "",
                "  fusoin:",
                "    type: mean");
        assertEquals("model.fusoin", e.yamlPath());
        assertEquals(7, e.line());
        assertEquals("model.fusoin: unknown key (known: backbone, stf, fusion, exchange, head) at " + e.file() + ":7",
                e.getMessage());
    }

    @Test
    void unknownTopLevelKey() {
        ConfigException e = fail("name: a", "trian:", "  epochs: 3");
        assertEquals("trian", e.yamlPath());
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("(known: name, model, tasks, data, train, eval, inference)"), e.getMessage());
    }

    @Test
    void wrongTypes() {
        ConfigException e = fail("train:", "  batch_size: 8", "  epochs: ten");
        assertEquals("train.epochs: expected an integer, got 'ten' at " + e.file() + ":3", e.getMessage());
        assertEquals("train.epochs", fail("train:", "  epochs: 2.5").yamlPath());
        assertEquals("train.optimizer.lr: expected a number, got '1e-3x'",
                brief(fail("train:", "  optimizer:", "    lr: 1e-3x")));
        assertEquals("data.augment.hflip", fail("data:", "  augment: {hflip: 3}").yamlPath());
        assertEquals("model.backbone.widths[1]: expected an integer, got 'x'",
                brief(fail("model:", "  backbone:", "    widths: [1, x]")));
        assertEquals("model: expected a section of keys, got 3", brief(fail("model: 3")));
        assertTrue(fail("name: 2024").detail().startsWith("expected a string, got 2024"));
        assertEquals("train.epochs: out of range, got 99999999999",
                brief(fail("train:", "  epochs: 99999999999")));
        assertEquals("data.image_size: expected a size HxW like 128x160, got '128'",
                brief(fail("data:", "  image_size: '128'")));
        ConfigException empty = fail("train:", "  epochs:");
        assertEquals("train.epochs: expected a value, got nothing", brief(empty));
        assertEquals(2, empty.line());
    }

    @Test
    void badValuesNameTheFieldAndLine() {
        ConfigException e = fail("name: neg", "train:", "  epochs: 3", "", "", "", "  batch_size: -3");
        assertEquals("train.batch_size: must be > 0, got -3 at " + e.file() + ":7", e.getMessage());
        assertEquals("data.augment.photometric: must be in [0, 1], got 1.5",
                brief(fail("data:", "  augment:", "    photometric: 1.5")));
        assertEquals("data.augment.scale[0]", fail("data:", "  augment:", "    scale: [-1, 2]").yamlPath());
        assertEquals("model.backbone.widths[2]", fail("model:", "  backbone:", "    widths: [1, 2, 0]").yamlPath());
        assertEquals("train.optimizer.type: unknown 'lamb' (known: adam, adamw, sgd)",
                brief(fail("train:", "  optimizer: {type: lamb}")));
        assertEquals("tasks.depth.weight", fail("tasks:", "  depth: {weight: 0}").yamlPath());
        assertEquals("data.image_size: height and width must be > 0, got '0x160'",
                brief(fail("data: {image_size: '0x160'}")));
        ConfigException warmup = fail("train:", "  epochs: 2", "  schedule:", "    warmup_epochs: 2");
        assertEquals("train.schedule.warmup_epochs", warmup.yamlPath());
        assertEquals(4, warmup.line());
    }

    @Test
    void metricMustBelongToATask() {
        ConfigException e = fail("tasks: [depth]", "train:", "  checkpoint:", "    best_metric: semseg.miou");
        assertEquals("train.checkpoint.best_metric", e.yamlPath());
        assertEquals(4, e.line());
        assertTrue(e.detail().contains("task 'semseg' of 'semseg.miou' is not in tasks (depth)"), e.detail());
    }

    @Test
    void unknownComponentNamesListTheKnownOnes() {
        ConfigException e = fail("model:", "  fusion:", "    type: taf2");
        assertEquals("model.fusion.type: unknown 'taf2' (known: mean, taf) at " + e.file() + ":3", e.getMessage());
        ConfigException t = fail("tasks:", "  semseg:", "  segsem:");
        assertEquals("tasks.segsem: unknown task 'segsem' (known: depth, edge, normals, parts, saliency, semseg)",
                brief(t));
        ConfigException plugin = fail("tasks:", "  depth-edges: {weight: 1}");
        assertTrue(plugin.detail().endsWith("; no loaded plugin provides it (put its JAR in ./plugins or "
                + "~/.hirmtl/plugins, or give --plugins DIR; 'hirmtl plugins list' shows what is loaded)"),
                plugin.detail());
        assertEquals(3, t.line());
        assertEquals("data.type", fail("data: {type: pascal}").yamlPath());
        assertEquals("train.weighting.type", fail("train: {weighting: {type: gradnorm}}").yamlPath());
    }

    @Test
    void optionsAreCheckedAgainstWhatTheComponentDeclares() {
        ConfigException unknown = fail("tasks:", "  depth:", "    weight: 1", "    options: {offset: 2, bogus: 1}");
        assertEquals("tasks.depth.options.bogus: unknown option (known: offset) (task 'depth')", brief(unknown));
        assertEquals(4, unknown.line());
        assertEquals("tasks.edge.options.positive_weight: expected a number, got 'high' (task 'edge')",
                brief(fail("tasks:", "  edge:", "    weight: 50", "    options:", "      positive_weight: high")));
        assertEquals("tasks.semseg.options.classes: is required (an integer: number of classes K (2..254)) "
                + "(task 'semseg')", brief(fail("tasks:", "  semseg: {weight: 1, options: {}}")));
        assertEquals("model.backbone.options.stem: unknown 'conv5' (known: conv7, conv3) (backbone 'resnet18')",
                brief(fail("model:", "  backbone:", "    options: {stem: conv5}")));
        assertEquals("train.weighting.options.x: unknown option (known: none) (weighting 'fixed')",
                brief(fail("train:", "  weighting:", "    options: {x: 1}")));
        ExperimentConfig ok = loader.load(write(dir, "ok.yaml", "tasks:", "  depth: 1"), List.of()).config();
        assertEquals(Map.of("offset", 2.5), ok.tasks().get("depth").options(), "defaults are filled in");
    }

    @Test
    void pluginNamesAreAccepted() {
        Components plugins = BuiltinComponents.registries();
        plugins.registrar("p").fusion("attention", new MeanFusion());
        Path f = write(dir, "p.yaml", "model: {fusion: {type: attention}}");
        assertEquals("attention", new ConfigLoader(plugins).load(f, List.of()).config().model().fusion().type());
    }

    @Test
    void yamlMistakes() {
        ConfigException syntax = fail("train:", "  epochs: 3", " batch_size: [1");
        assertTrue(syntax.detail().startsWith("invalid YAML"), syntax.getMessage());
        assertTrue(syntax.line() > 0);
        ConfigException dup = fail("train:", "  epochs: 3", "  epochs: 4");
        assertEquals("train.epochs", dup.yamlPath());
        assertEquals(3, dup.line());
        assertEquals("expected keys at the top level", fail("- a", "- b").detail());
    }

    @Test
    void missingFile() {
        Path f = dir.resolve("none.yaml");
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(f, List.of()));
        assertEquals(f, e.file());
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());
    }

    @Test
    void recordsBuiltInCodeAreValidatedToo() {
        ConfigValueException e = assertThrows(ConfigValueException.class,
                () -> new OptimizerConfig("adam", 0, 0, 0.9));
        assertEquals("lr: must be a finite number > 0, got 0", e.getMessage());
        assertEquals("momentum", assertThrows(ConfigValueException.class,
                () -> new OptimizerConfig("sgd", 0.1, 0, 1.0)).yamlPath());
    }
}
