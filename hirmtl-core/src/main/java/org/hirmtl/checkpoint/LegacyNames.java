package org.hirmtl.checkpoint;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Class names that DL4J's JSON of older checkpoints names and that have moved since: the per-pixel losses moved from
 * {@code org.hirmtl.task.loss} into the plugin API ({@code org.hirmtl.api.loss}), the learning-rate schedule from
 * {@code org.hirmtl.train.schedule} to {@code org.hirmtl.optim}. A model entry naming an old class is
 * rewritten before DL4J restores it, so every checkpoint written by an earlier build still loads.
 */
final class LegacyNames {
    /** Old fully qualified class name → new one. */
    static final Map<String, String> MOVED = Map.of(
            "org.hirmtl.task.loss.PixelCrossEntropy", "org.hirmtl.api.loss.PixelCrossEntropy",
            "org.hirmtl.task.loss.MaskedL1", "org.hirmtl.api.loss.MaskedL1",
            "org.hirmtl.task.loss.BalancedBinaryCrossEntropy", "org.hirmtl.api.loss.BalancedBinaryCrossEntropy",
            "org.hirmtl.train.schedule.WarmupSchedule", "org.hirmtl.optim.WarmupSchedule");

    private static final String CONFIGURATION = "configuration.json";

    private LegacyNames() {
    }

    /** {@code model} (a ModelSerializer ZIP) with moved class names in its configuration replaced; itself if none. */
    static byte[] rewrite(byte[] model) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(model.length);
        boolean changed = false;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(model));
             ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                byte[] bytes = in.readAllBytes();
                if (e.getName().equals(CONFIGURATION)) {
                    String json = new String(bytes, StandardCharsets.UTF_8);
                    String fixed = json;
                    for (Map.Entry<String, String> m : MOVED.entrySet()) {
                        fixed = fixed.replace("\"" + m.getKey() + "\"", "\"" + m.getValue() + "\"");
                    }
                    if (!fixed.equals(json)) {
                        changed = true;
                        bytes = fixed.getBytes(StandardCharsets.UTF_8);
                    }
                }
                zip.putNextEntry(new ZipEntry(e.getName()));
                zip.write(bytes);
                zip.closeEntry();
            }
        }
        return changed ? out.toByteArray() : model;
    }
}
