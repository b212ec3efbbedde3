package org.hirmtl.model.backbone;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.hirmtl.DebianPython;
import org.hirmtl.builtin.BuiltinComponents;
import org.hirmtl.config.ConfigLoader;
import org.hirmtl.config.ExperimentConfig;
import org.hirmtl.data.io.Npy;
import org.hirmtl.model.HirMtlModel;
import org.hirmtl.model.ModelBuilder;
import org.hirmtl.registry.Components;
import org.jetbrains.bio.npy.NpzFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A torchvision ResNet-18 loaded with {@code model.backbone.options.weights} gives torchvision's features at every
 * stage within 1e-4. Two fixtures: the committed one ({@code src/test/resources/torchvision/resnet18-hash}: the
 * tensor manifest of torchvision's state_dict and the features torchvision computed, with every tensor filled from an
 * integer hash that {@link #hashValues} reproduces bit for bit, so the weights file is written here and the test runs
 * on every machine) and, where Debian's python3-torchvision is installed, one made now by
 * {@code bench/torchvision_features.py} from torchvision's own random initialisation.
 */
class TorchvisionWeightsTest {
    @TempDir
    static Path tmp;

    private static final Path HASH_FIXTURE = Path.of("src/test/resources/torchvision/resnet18-hash");

    private static Path root() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("bench/torchvision_features.py"))) {
                return p;
            }
        }
        throw new IllegalStateException("bench/torchvision_features.py not found");
    }

    /** The weights of the hash fixture as an .npz, written once per class from its committed manifest. */
    @BeforeAll
    static void writeHashWeights() throws IOException {
        JsonNode manifest = new ObjectMapper().readTree(HASH_FIXTURE.resolve("manifest.json").toFile());
        try (NpzFile.Writer npz = new NpzFile.Writer(tmp.resolve("hash-weights.npz"), false)) {
            int no = 0;
            for (JsonNode t : manifest.get("tensors")) {
                String name = t.get("name").asText();
                int[] shape = new int[t.get("shape").size()];
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = t.get("shape").get(i).asInt();
                }
                if (t.get("dtype").asText().equals("float32")) {
                    npz.write(name, hashValues(no, name, shape), shape);
                } // else num_batches_tracked, a 0-D int64 the import ignores (and this writer cannot write 0-D)
                no++;
            }
        }
    }

    /**
     * {@code bench/torchvision_features.py}'s {@code hash_values}: u = top 24 bits of splitmix64(tensor number * 2^32 +
     * element index) / 2^24, scaled per kind of tensor in double, then rounded to float.
     */
    static float[] hashValues(long tensorNo, String name, int[] shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        String leaf = name.substring(name.lastIndexOf('.') + 1);
        float[] v = new float[n];
        for (int j = 0; j < n; j++) {
            long z = (tensorNo << 32) + j + 0x9E3779B97F4A7C15L;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            z = z ^ (z >>> 31);
            double u = (z >>> 40) / (double) (1 << 24);
            double x;
            if (leaf.equals("weight") && shape.length >= 2) {
                int fanOut = shape[0];
                for (int d = 2; d < shape.length; d++) {
                    fanOut *= shape[d];
                }
                x = (2.0 * u - 1.0) * Math.sqrt(3.0) * Math.sqrt(2.0 / fanOut);
            } else if (leaf.equals("weight")) {
                x = 0.5 + u;
            } else if (leaf.equals("running_var")) {
                x = 0.5 + 1.5 * u;
            } else if (leaf.equals("running_mean") || (leaf.equals("bias") && !name.startsWith("fc."))) {
                x = -0.2 + 0.4 * u;
            } else {
                x = -0.1 + 0.2 * u;
            }
            v[j] = (float) x;
        }
        return v;
    }

    /** Torchvision's own random initialisation, through Debian's python3-torchvision (skips without it). */
    private static Path pythonFixture() throws Exception {
        Path dir = tmp.resolve("python");
        if (!Files.isRegularFile(dir.resolve("features.npz"))) {
            DebianPython.assumeModules("torch, torchvision");
            DebianPython.run(root().resolve("bench/torchvision_features.py").toString(), "--arch", "resnet18",
                    "--out", dir.toString(), "--size", "64x96", "--seed", "3");
        }
        return dir;
    }

    private static ExperimentConfig config(Components c, String size, String... more) {
        List<String> o = new java.util.ArrayList<>(List.of("data.image_size=" + size, "tasks=[depth]",
                "model.backbone.type=resnet18", "model.backbone.widths=[]", "model.stf.channels=8",
                "model.head.channels=8"));
        o.addAll(List.of(more));
        return new ConfigLoader(c).loadDefaults(o).config();
    }

    @Test
    void hashedTorchvisionWeightsGiveTorchvisionFeatures() throws Exception {
        assertSameFeatures(tmp.resolve("hash-weights.npz"), HASH_FIXTURE.resolve("features.npz"), "32x64");
    }

    @Test
    void torchvisionWeightsGiveTorchvisionFeatures() throws Exception {
        Path dir = pythonFixture();
        assertSameFeatures(dir.resolve("weights.npz"), dir.resolve("features.npz"), "64x96");
    }

    private static void assertSameFeatures(Path weights, Path features, String size) throws Exception {
        Components c = BuiltinComponents.registries();
        HirMtlModel m = new ModelBuilder(c).build(config(c, size, "model.backbone.options.weights=" + weights), 10);
        Map<String, Npy.NdArray> ref = Npy.readNpz(features);
        Npy.NdArray image = ref.get("image");
        INDArray x = Nd4j.create(image.data(), Arrays.stream(image.shape()).asLongStream().toArray(), 'c')
                .castTo(DataType.FLOAT);
        Map<String, INDArray> acts = m.graph().feedForward(new INDArray[] {x}, false, false);
        for (int s = 1; s <= 4; s++) {
            Npy.NdArray want = ref.get("layer" + s);
            INDArray got = acts.get("backbone/layer" + s + "/block2/relu");
            assertArrayEquals(Arrays.stream(want.shape()).asLongStream().toArray(), got.shape(), "layer" + s);
            float[] g = got.dup('c').data().asFloat();
            double worst = 0;
            for (int i = 0; i < g.length; i++) {
                worst = Math.max(worst, Math.abs(g[i] - want.data()[i]));
            }
            System.out.printf("torchvision resnet18 (%s) layer%d: max |DL4J - torch| = %.3g%n", features, s, worst);
            assertTrue(worst < 1e-4, "layer" + s + " differs from torchvision by " + worst);
        }
    }

    @Test
    void weightsThatDoNotFitNameTheTensor() {
        Components c = BuiltinComponents.registries();
        Path weightsFile = tmp.resolve("hash-weights.npz");
        IllegalArgumentException narrow = assertThrows(IllegalArgumentException.class, () -> new ModelBuilder(c)
                .build(config(c, "64x96", "model.backbone.widths=[32,64,128,256]", "model.backbone.options.weights="
                        + weightsFile), 10));
        assertTrue(narrow.getMessage().contains("tensor 'conv1.weight' has shape [64, 3, 7, 7] but "
                + "backbone/stem/conv expects [32, 3, 7, 7]"), narrow.getMessage());
        IllegalArgumentException deeper = assertThrows(IllegalArgumentException.class, () -> new ModelBuilder(c)
                .build(config(c, "64x96", "model.backbone.type=resnet34", "model.backbone.options.weights="
                        + weightsFile), 10));
        assertTrue(deeper.getMessage().contains("has no tensor 'layer1.2.conv1.weight'"), deeper.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> new ModelBuilder(c)
                .build(config(c, "64x96", "model.backbone.options.weights=" + tmp.resolve("none.npz")), 10));
        assertEquals(true, missing.getMessage().contains("none.npz"), missing.getMessage());
    }
}
