package com.example.hirmtl;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Predicts a folder of images with a HirMTL ONNX export and ONNX Runtime only. The model's input is {@code image},
 * float32 {@code [N, 3, H, W]}, RGB in [0, 1] (normalisation is inside the graph); each output is one task's activated
 * prediction {@code [N, C, H, W]}. Images are resized to {@code H × W} and predictions back to each image's size
 * (bilinear, half-pixel centres, as the toolkit does). Written per image, into {@code OUT/<name>/}: {@code TASK.npy}
 * for one-channel tasks ({@code (h, w)}) and for {@code normals} ({@code (h, w, 3)}, renormalised to unit length), and
 * {@code TASK_ids.png} (the arg-max class) for other multi-channel tasks — what {@code hirmtl predict --save npy}
 * writes. For a model trained with a padded input (its {@code data.image_size} smaller than {@code H × W}), crop as
 * docs/export.md says; this example assumes the image fills the input.
 */
public final class OnnxPredict {
    private OnnxPredict() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: OnnxPredict MODEL.onnx IMAGE_DIR OUT_DIR");
            System.exit(2);
        }
        Path model = Path.of(args[0]);
        Path images = Path.of(args[1]);
        Path out = Path.of(args[2]);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(model.toString(), new OrtSession.SessionOptions())) {
            NodeInfo input = session.getInputInfo().get("image");
            long[] shape = ((TensorInfo) input.getInfo()).getShape();
            int h = (int) shape[2];
            int w = (int) shape[3];
            List<Path> files;
            try (Stream<Path> s = Files.list(images)) {
                files = s.filter(p -> p.toString().matches("(?i).*\\.(jpe?g|png)$")).sorted().toList();
            }
            for (Path f : files) {
                BufferedImage img = ImageIO.read(f.toFile());
                float[] rgb = resize(toRgb(img), 3, img.getHeight(), img.getWidth(), h, w);
                try (OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(rgb), new long[] {1, 3, h, w});
                     OrtSession.Result r = session.run(Map.of("image", x))) {
                    String name = f.getFileName().toString().replaceFirst("\\.[^.]+$", "");
                    Path dir = Files.createDirectories(out.resolve(name));
                    for (Map.Entry<String, ai.onnxruntime.OnnxValue> e : r) {
                        OnnxTensor t = (OnnxTensor) e.getValue();
                        int c = (int) t.getInfo().getShape()[1];
                        float[] v = new float[c * h * w];
                        t.getFloatBuffer().get(v);
                        float[] back = resize(v, c, h, w, img.getHeight(), img.getWidth());
                        write(dir, e.getKey(), back, c, img.getHeight(), img.getWidth());
                    }
                }
                System.out.println("predicted " + f);
            }
        }
    }

    private static void write(Path dir, String task, float[] v, int c, int h, int w) throws IOException {
        int n = h * w;
        if (c == 1) {
            npy(dir.resolve(task + ".npy"), v, h, w);
        } else if (task.equals("normals") && c == 3) {
            float[] hwc = new float[3 * n];
            for (int p = 0; p < n; p++) {
                double len = Math.sqrt(v[p] * v[p] + v[n + p] * v[n + p] + v[2 * n + p] * v[2 * n + p]);
                for (int k = 0; k < 3; k++) {
                    hwc[p * 3 + k] = len > 0 ? (float) (v[k * n + p] / len) : 0f;
                }
            }
            npy(dir.resolve(task + ".npy"), hwc, h, w, 3);
        } else {
            BufferedImage ids = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
            for (int p = 0; p < n; p++) {
                int best = 0;
                for (int k = 1; k < c; k++) {
                    if (v[k * n + p] > v[best * n + p]) {
                        best = k;
                    }
                }
                ids.getRaster().setSample(p % w, p / w, 0, best);
            }
            ImageIO.write(ids, "png", dir.resolve(task + "_ids.png").toFile());
        }
    }

    /** RGB in [0, 1], channel-major. */
    private static float[] toRgb(BufferedImage img) {
        int h = img.getHeight();
        int w = img.getWidth();
        float[] out = new float[3 * h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = img.getRGB(x, y);
                out[y * w + x] = ((p >> 16) & 0xff) / 255f;
                out[h * w + y * w + x] = ((p >> 8) & 0xff) / 255f;
                out[2 * h * w + y * w + x] = (p & 0xff) / 255f;
            }
        }
        return out;
    }

    /** Bilinear resampling with half-pixel centres (PyTorch's align_corners=False), borders clamped. */
    static float[] resize(float[] in, int c, int h, int w, int oh, int ow) {
        if (h == oh && w == ow) {
            return in;
        }
        float[] out = new float[c * oh * ow];
        for (int y = 0; y < oh; y++) {
            double sy = Math.max(0, (y + 0.5) * h / oh - 0.5);
            int y0 = Math.min((int) sy, h - 1);
            int y1 = Math.min(y0 + 1, h - 1);
            double fy = sy - y0;
            for (int x = 0; x < ow; x++) {
                double sx = Math.max(0, (x + 0.5) * w / ow - 0.5);
                int x0 = Math.min((int) sx, w - 1);
                int x1 = Math.min(x0 + 1, w - 1);
                double fx = sx - x0;
                for (int k = 0; k < c; k++) {
                    int b = k * h * w;
                    double top = in[b + y0 * w + x0] * (1 - fx) + in[b + y0 * w + x1] * fx;
                    double bottom = in[b + y1 * w + x0] * (1 - fx) + in[b + y1 * w + x1] * fx;
                    out[k * oh * ow + y * ow + x] = (float) (top * (1 - fy) + bottom * fy);
                }
            }
        }
        return out;
    }

    /** A C-order little-endian float32 .npy file. */
    private static void npy(Path file, float[] v, int... shape) throws IOException {
        StringBuilder dims = new StringBuilder();
        for (int d : shape) {
            dims.append(d).append(", ");
        }
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims.toString().replaceAll(", $",
                shape.length == 1 ? "," : "") + "), }";
        int total = 10 + dict.length() + 1;
        String header = dict + " ".repeat((64 - total % 64) % 64) + "\n";
        ByteBuffer data = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        data.asFloatBuffer().put(v);
        try (OutputStream o = Files.newOutputStream(file)) {
            o.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
            o.write(header.length() & 0xff);
            o.write(header.length() >> 8);
            o.write(header.getBytes(StandardCharsets.ISO_8859_1));
            o.write(data.array());
        }
    }
}
