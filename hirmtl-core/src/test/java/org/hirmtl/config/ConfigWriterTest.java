package org.hirmtl.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hirmtl.builtin.BuiltinComponents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigWriterTest {
    private final ConfigLoader loader = new ConfigLoader(BuiltinComponents.registries());

    @TempDir
    Path dir;

    @Test
    void printedDefaultsLoadBackEqual() {
        ExperimentConfig c = loader.loadDefaults(List.of()).config();
        String yaml = ConfigWriter.toYaml(c);
        assertTrue(yaml.contains("image_size: 128x160\n"), yaml);
        assertTrue(yaml.contains("widths: [16, 32, 64, 128]\n"), yaml);
        assertTrue(yaml.startsWith("name: quickstart\nmodel:\n  backbone:\n    type: resnet18\n"), yaml);
        assertEquals(c, loader.fromYaml(yaml, "printed"));
    }

    @Test
    void printedConfigWithOddValuesLoadsBackEqual() throws Exception {
        ExperimentConfig c = loader.loadDefaults(List.of("name='2024'", "tasks=[semseg, parts]",
                "tasks.semseg.options={classes: 3, class_names: ['yes', 'true', '2.5']}",
                "train.optimizer.lr=1.0e-5", "train.seed=9007199254740993", "data.root='0x10'",
                "model.backbone.widths=[]", "train.checkpoint.best_metric=parts.miou")).config();
        assertEquals("2024", c.name());
        Path printed = Files.writeString(dir.resolve("printed.yaml"), ConfigWriter.toYaml(c));
        assertEquals(c, loader.load(printed, List.of()).config());
    }

    @Test
    void examplesLoadAndRoundTrip() {
        Path examples = examplesFolder();
        for (String name : List.of("quickstart.yaml", "nyud.yaml")) {
            ExperimentConfig c = loader.load(examples.resolve(name), List.of()).config();
            assertEquals(c, loader.fromYaml(ConfigWriter.toYaml(c), name), name);
        }
        ExperimentConfig nyud = loader.load(examples.resolve("nyud.yaml"), List.of()).config();
        assertEquals(List.of("semseg", "depth", "normals", "edge"), nyud.taskNames());
        assertEquals(40, nyud.tasks().get("semseg").options().get("classes"));
        assertEquals(50.0, nyud.tasks().get("edge").weight());
        assertEquals(1e-4, nyud.train().optimizer().lr());
        assertEquals(new ImageSize(425, 560), nyud.data().imageSize());
        assertEquals("nyud_mt", nyud.data().type());
    }

    /** {@code examples/} at the repository root, found from the module's working directory. */
    private static Path examplesFolder() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("examples/quickstart.yaml"))) {
                return p.resolve("examples");
            }
        }
        throw new IllegalStateException("examples/ not found above " + Path.of("").toAbsolutePath());
    }
}
