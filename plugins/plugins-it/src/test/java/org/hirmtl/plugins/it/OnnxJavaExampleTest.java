package org.hirmtl.plugins.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.hirmtl.api.data.DenseMap;
import org.hirmtl.cli.Main;
import org.hirmtl.data.io.Images;
import org.hirmtl.data.io.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code examples/onnx-java}, a stand-alone Maven project that runs an ONNX export with ONNX Runtime's Java API and no
 * toolkit dependency, built as a user would and run on images of the model's size and of another size: its arrays
 * equal {@code hirmtl predict --save npy} within the export tolerance and its class-id pictures are identical.
 */
class OnnxJavaExampleTest {
    @TempDir
    Path tmp;

    private static int hirmtl(String... args) {
        return Main.run(args, new PrintWriter(new StringWriter(), true), new PrintWriter(new StringWriter(), true));
    }

    @Test
    void theExamplePredictsWhatHirmtlPredicts() throws Exception {
        Path mvn = null;
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, "mvn"))) {
                mvn = Path.of(d, "mvn");
            }
        }
        assumeTrue(mvn != null, "mvn is not on the PATH");
        Path run = tmp.resolve("run");
        assertEquals(0, hirmtl("-q", "train", "--epochs", "1", "--out", run.toString(),
                "--set", "data.root=" + tmp.resolve("synth"), "--set", "data.image_size=64x64",
                "--set", "data.synth.size=64x64", "--set", "data.synth.train=4", "--set", "data.synth.val=2",
                "--set", "data.synth.classes=6", "--set", "tasks.semseg.options.classes=6",
                "--set", "model.backbone.widths=[8,8,16,16]", "--set", "model.stf.channels=8",
                "--set", "model.head.channels=8", "--set", "train.batch_size=2"));
        Path onnx = tmp.resolve("model.onnx");
        assertEquals(0, hirmtl("-q", "export", "--checkpoint", run.toString(), "--format", "onnx", "-o",
                onnx.toString()));
        Path images = Files.createDirectories(tmp.resolve("images"));
        BufferedImage scene = Images.read(tmp.resolve("synth/images/00000.jpg"));
        Images.writePng(images.resolve("same.png"), scene);
        BufferedImage other = new BufferedImage(50, 37, BufferedImage.TYPE_INT_RGB);
        other.createGraphics().drawImage(scene, 0, 0, 50, 37, null);
        Images.writePng(images.resolve("other.png"), other);
        Path predicted = tmp.resolve("predicted");
        assertEquals(0, hirmtl("-q", "predict", "--checkpoint", run.toString(), images.toString(), "--out",
                predicted.toString(), "--save", "npy"));

        Path root = Path.of(System.getProperty("hirmtl.root"));
        Path project = tmp.resolve("onnx-java");
        try (Stream<Path> all = Files.walk(root.resolve("examples/onnx-java"))) {
            for (Path f : (Iterable<Path>) all::iterator) {
                Path rel = root.resolve("examples/onnx-java").relativize(f);
                if (!rel.toString().startsWith("target")) {
                    Path dest = project.resolve(rel.toString());
                    if (Files.isDirectory(f)) {
                        Files.createDirectories(dest);
                    } else {
                        Files.copy(f, dest);
                    }
                }
            }
        }
        Path log = tmp.resolve("build.log");
        Process build = new ProcessBuilder(mvn.toString(), "-B", "-q", "package", "dependency:build-classpath",
                "-Dmdep.outputFile=target/classpath.txt").directory(project.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        assertTrue(build.waitFor(10, TimeUnit.MINUTES) && build.exitValue() == 0, Files.readString(log));
        String cp = project.resolve("target/classes") + File.pathSeparator
                + Files.readString(project.resolve("target/classpath.txt")).strip();
        Path out = tmp.resolve("example");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", cp,
                "com.example.hirmtl.OnnxPredict", onnx.toString(), images.toString(), out.toString())
                .redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(5, TimeUnit.MINUTES) && p.exitValue() == 0, text);

        for (String name : List.of("same", "other")) {
            for (String task : List.of("depth", "edge", "saliency", "normals")) {
                DenseMap want = Npy.readMap(predicted.resolve(name).resolve(task + ".npy"));
                DenseMap got = Npy.readMap(out.resolve(name).resolve(task + ".npy"));
                assertEquals(want.sizeString(), got.sizeString(), name + " " + task);
                double worst = 0;
                for (int i = 0; i < want.data().length; i++) {
                    worst = Math.max(worst, Math.abs(want.data()[i] - got.data()[i]));
                }
                assertTrue(worst < 1e-4, name + " " + task + ": the example differs from predict by " + worst);
            }
            assertSameIds(predicted.resolve(name).resolve("semseg_ids.png"), out.resolve(name).resolve("semseg_ids.png"),
                    name);
        }
        openCvMatchesPredict(run, predicted, images.resolve("same.png"));
    }

    /**
     * The second consumer on a real image: OpenCV's DNN (Debian's python3-opencv; skipped where absent) runs the
     * opset-11 export of the trained model on a synthetic scene and gives {@code predict --save npy}'s arrays.
     */
    private void openCvMatchesPredict(Path run, Path predicted, Path image) throws Exception {
        Path python = Path.of("/usr/bin/python3");
        if (!Files.isExecutable(python) || new ProcessBuilder(python.toString(), "-c", "import cv2").start()
                .waitFor() != 0) {
            System.out.println("OpenCV check skipped: no /usr/bin/python3 with cv2");
            return;
        }
        Path onnx11 = tmp.resolve("model11.onnx");
        assertEquals(0, hirmtl("-q", "export", "--checkpoint", run.toString(), "--format", "onnx", "--opset", "11",
                "-o", onnx11.toString()));
        Path out = tmp.resolve("opencv");
        Files.createDirectories(out);
        Process p = new ProcessBuilder(python.toString(), "-c", String.join("\n",
                "import sys, numpy as np, cv2",
                "net = cv2.dnn.readNetFromONNX(sys.argv[1])",
                "img = cv2.imread(sys.argv[2])[:, :, ::-1].astype(np.float32) / 255.0",
                "net.setInput(img.transpose(2, 0, 1)[None].copy(), 'image')",
                "names = net.getUnconnectedOutLayersNames()",
                "for n, o in zip(names, net.forward(names)):",
                "    o = o[0]",
                "    np.save(sys.argv[3] + '/' + n + '.npy', o[0] if o.shape[0] == 1 else o.transpose(1, 2, 0))"),
                onnx11.toString(), image.toString(), out.toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(5, TimeUnit.MINUTES) && p.exitValue() == 0, "OpenCV cannot run the opset-11 export:\n"
                + log);
        for (String task : List.of("depth", "edge", "saliency", "normals")) {
            DenseMap want = Npy.readMap(predicted.resolve("same").resolve(task + ".npy"));
            DenseMap got = Npy.readMap(out.resolve(task + ".npy"));
            double worst = 0;
            for (int i = 0; i < want.data().length; i++) {
                worst = Math.max(worst, Math.abs(want.data()[i] - got.data()[i]));
            }
            System.out.printf("OpenCV vs hirmtl predict, %s: max |diff| %.3g%n", task, worst);
            assertTrue(worst < 1e-4, task + ": OpenCV differs from predict by " + worst);
        }
    }

    private static void assertSameIds(Path want, Path got, String name) throws Exception {
        BufferedImage a = Images.read(want);
        BufferedImage b = Images.read(got);
        assertArrayEquals(a.getRaster().getPixels(0, 0, a.getWidth(), a.getHeight(), (int[]) null),
                b.getRaster().getPixels(0, 0, b.getWidth(), b.getHeight(), (int[]) null), name + " semseg ids");
    }
}
