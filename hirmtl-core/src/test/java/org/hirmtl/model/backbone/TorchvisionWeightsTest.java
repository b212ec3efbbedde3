package org.hirmtl.model.backbone;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.hirmtl.DebianPython;
import org.hirmtl.config.ConfigLoader;
import org.hirmtl.config.ExperimentConfig;
import org.hirmtl.data.io.Npy;
import org.hirmtl.model.HirMtlModel;
import org.hirmtl.model.ModelBuilder;
import org.hirmtl.registry.Components;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A torchvision ResNet-18 (random initialisation with randomised batch-norm statistics, made by Debian's
 * python3-torchvision through {@code bench/torchvision_features.py}) loaded with {@code model.backbone.options.weights}
 * gives torchvision's features at every stage within 1e-4. Skipped where that Python is not installed.
 */
class TorchvisionWeightsTest {
    @TempDir
    static Path tmp;

    private static Path root() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("bench/torchvision_features.py"))) {
                return p;
            }
        }
        throw new IllegalStateException("bench/torchvision_features.py not found");
    }

    @BeforeAll
    static void makeTorchvisionFixture() throws Exception {
        DebianPython.assumeModules("torch, torchvision");
        DebianPython.run(root().resolve("bench/torchvision_features.py").toString(), "--arch", "resnet18", "--out",
                tmp.toString(), "--size", "64x96", "--seed", "3");
    }

    private static ExperimentConfig config(Components c, String... more) {
        List<String> o = new java.util.ArrayList<>(List.of("data.image_size=64x96", "tasks=[depth]",
                "model.backbone.type=resnet18", "model.backbone.widths=[]", "model.stf.channels=8",
                "model.head.channels=8"));
        o.addAll(List.of(more));
        return new ConfigLoader(c).loadDefaults(o).config();
    }

    @Test
    void torchvisionWeightsGiveTorchvisionFeatures() throws Exception {
        Components c = Components.withBuiltins();
        HirMtlModel m = new ModelBuilder(c).build(config(c, "model.backbone.options.weights="
                + tmp.resolve("weights.npz")), 10);
        Map<String, Npy.NdArray> ref = Npy.readNpz(tmp.resolve("features.npz"));
        Npy.NdArray image = ref.get("image");
        INDArray x = Nd4j.create(image.data(), new long[] {1, 3, 64, 96}, 'c').castTo(DataType.FLOAT);
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
            System.out.printf("torchvision resnet18 layer%d: max |DL4J - torch| = %.3g%n", s, worst);
            assertTrue(worst < 1e-4, "layer" + s + " differs from torchvision by " + worst);
        }
    }

    @Test
    void weightsThatDoNotFitNameTheTensor() {
        Components c = Components.withBuiltins();
        IllegalArgumentException narrow = assertThrows(IllegalArgumentException.class, () -> new ModelBuilder(c)
                .build(config(c, "model.backbone.widths=[32,64,128,256]", "model.backbone.options.weights="
                        + tmp.resolve("weights.npz")), 10));
        assertTrue(narrow.getMessage().contains("tensor 'conv1.weight' has shape [64, 3, 7, 7] but "
                + "backbone/stem/conv expects [32, 3, 7, 7]"), narrow.getMessage());
        IllegalArgumentException deeper = assertThrows(IllegalArgumentException.class, () -> new ModelBuilder(c)
                .build(config(c, "model.backbone.type=resnet34", "model.backbone.options.weights="
                        + tmp.resolve("weights.npz")), 10));
        assertTrue(deeper.getMessage().contains("has no tensor 'layer1.2.conv1.weight'"), deeper.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> new ModelBuilder(c)
                .build(config(c, "model.backbone.options.weights=" + tmp.resolve("none.npz")), 10));
        assertEquals(true, missing.getMessage().contains("none.npz"), missing.getMessage());
    }
}
