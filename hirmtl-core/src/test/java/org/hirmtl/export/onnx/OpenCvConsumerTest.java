package org.hirmtl.export.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.hirmtl.DebianPython;
import org.hirmtl.api.data.DenseMap;
import org.hirmtl.data.io.Npy;
import org.hirmtl.infer.OnnxVerifier;
import org.hirmtl.model.HirMtlModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second ONNX consumer: OpenCV's DNN module (Debian's python3-opencv) loads the opset-11 export of the default model
 * and its outputs equal DL4J's within the export tolerance. Skipped where that Python module is not installed.
 */
class OpenCvConsumerTest {
    @TempDir
    Path tmp;

    @Test
    void openCvRunsTheOpset11ExportLikeDl4j() throws Exception {
        DebianPython.assumeModules("cv2");

        HirMtlModel m = OnnxTesting.hirmtl();
        OnnxExport e = OnnxExporter.export(m, OnnxTesting.NORM, 11);
        Path onnx = tmp.resolve("model.onnx");
        OnnxExporter.write(e.model(), onnx);
        int h = m.height();
        int w = m.width();
        float[] images = OnnxVerifier.randomImages(1, h, w, 77);
        Npy.writeHw(tmp.resolve("image.npy"), new DenseMap(1, 3 * h, w, images));
        Path out = tmp.resolve("opencv.npz");
        String log = DebianPython.run("-c", String.join("\n",
                "import sys, numpy as np, cv2",
                "net = cv2.dnn.readNetFromONNX(sys.argv[1])",
                "x = np.load(sys.argv[2]).reshape(1, 3, " + h + ", " + w + ").astype(np.float32)",
                "net.setInput(x, 'image')",
                "names = net.getUnconnectedOutLayersNames()",
                "np.savez(sys.argv[3], **dict(zip(names, net.forward(names))))",
                "print(cv2.__version__)"), onnx.toString(),
                tmp.resolve("image.npy").toString(), out.toString());
        Map<String, Npy.NdArray> opencv = Npy.readNpz(out);
        try (OnnxVerifier v = OnnxVerifier.open(m, OnnxTesting.NORM, e.model())) {
            Map<String, float[]> dl4j = v.runDl4j(images, 1);
            assertEquals(dl4j.keySet(), opencv.keySet(), "one OpenCV output per task");
            for (Map.Entry<String, float[]> t : dl4j.entrySet()) {
                float[] got = opencv.get(t.getKey()).data();
                assertEquals(t.getValue().length, got.length, t.getKey());
                double worst = 0;
                for (int i = 0; i < got.length; i++) {
                    double d = Math.abs(got[i] - t.getValue()[i]);
                    worst = Math.max(worst, d - OnnxVerifier.DEFAULT_RTOL * Math.abs(t.getValue()[i]));
                }
                System.out.printf("OpenCV %s, %s: max |OpenCV - DL4J| beyond rtol %.3g%n", log.strip(), t.getKey(),
                        worst);
                assertTrue(worst <= OnnxVerifier.DEFAULT_TOLERANCE, t.getKey() + " differs by " + worst);
            }
        }
    }
}
