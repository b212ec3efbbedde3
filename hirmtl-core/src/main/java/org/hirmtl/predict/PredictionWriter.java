package org.hirmtl.predict;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.hirmtl.api.TaskProvider;
import org.hirmtl.api.config.TaskConfig;
import org.hirmtl.api.data.DenseMap;
import org.hirmtl.api.data.TargetKind;
import org.hirmtl.api.render.Palette;
import org.hirmtl.api.render.Picture;
import org.hirmtl.api.render.Pictures;
import org.hirmtl.data.io.Images;
import org.hirmtl.data.io.Npy;
import org.hirmtl.predict.render.Panel;

/**
 * Writes one image's predictions into {@code out/NAME/}:
 * <ul>
 *   <li>{@link Output#PNG}: {@code TASK.png}, the task's picture ({@link TaskProvider#render});</li>
 *   <li>{@link Output#NPY}: the raw prediction — label tasks as {@code TASK_ids.png} (class ids, 8-bit for up to 256
 *       classes, else 16-bit grey), every other task as {@code TASK.npy} (float32, C order; {@code (H, W)} for one
 *       channel, {@code (H, W, C)} otherwise, e.g. normals);</li>
 *   <li>{@link Output#PANEL}: {@code panel.png}, the input and every task's picture side by side.</li>
 * </ul>
 */
public final class PredictionWriter {
    /** What to write. */
    public enum Output {
        /** Per-task pictures. */
        PNG,
        /** Raw arrays (class-id PNGs for label tasks). */
        NPY,
        /** The side-by-side panel. */
        PANEL;

        /** Parses a comma-separated list such as {@code png,npy}. */
        public static Set<Output> parse(String list) {
            Set<Output> out = EnumSet.noneOf(Output.class);
            for (String s : list.split(",")) {
                String t = s.trim().toUpperCase(Locale.ROOT);
                if (t.isEmpty()) {
                    continue;
                }
                try {
                    out.add(Output.valueOf(t));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("--save: unknown '" + s.trim() + "' (known: png, npy, panel)");
                }
            }
            if (out.isEmpty()) {
                throw new IllegalArgumentException("--save: nothing to save (known: png, npy, panel)");
            }
            return out;
        }
    }

    private final Path out;
    private final Set<Output> outputs;
    private final Map<String, TaskProvider> tasks;
    private final Map<String, TaskConfig> configs;
    private final Map<String, Palette> palettes;

    /**
     * @param out the output folder
     * @param outputs what to write
     * @param tasks task → provider, in the order to show
     * @param configs task → config
     * @param palettes task → class colours (label tasks; missing: the default palette)
     */
    public PredictionWriter(Path out, Set<Output> outputs, Map<String, TaskProvider> tasks,
                            Map<String, TaskConfig> configs, Map<String, Palette> palettes) {
        this.out = out;
        this.outputs = EnumSet.copyOf(outputs);
        this.tasks = new LinkedHashMap<>(tasks);
        this.configs = configs;
        this.palettes = palettes;
    }

    /** What was written for one image. @param files the files, relative to the output folder @param facts per task */
    public record Written(List<String> files, Map<String, Map<String, Object>> facts) {
    }

    /**
     * Writes one image's outputs.
     *
     * @param name the image's output name (may contain '/')
     * @param input the decoded input image
     * @param predictions task → decoded prediction at the image's size
     */
    public Written write(String name, BufferedImage input, Map<String, DenseMap> predictions) throws IOException {
        Path dir = out.resolve(name);
        Files.createDirectories(dir);
        List<String> files = new ArrayList<>();
        Map<String, Picture> pictures = new LinkedHashMap<>();
        Map<String, Map<String, Object>> facts = new LinkedHashMap<>();
        for (Map.Entry<String, TaskProvider> e : tasks.entrySet()) {
            String task = e.getKey();
            TaskProvider provider = e.getValue();
            DenseMap pred = predictions.get(task);
            Picture pic = provider.render(pred, configs.get(task), palettes.get(task));
            pictures.put(task, pic);
            Map<String, Object> f = new LinkedHashMap<>();
            if (pic.bar() != null && !pic.bar().unit().equals("probability")) {
                f.put("range", List.of(pic.bar().low(), pic.bar().high()));
                f.put("unit", pic.bar().unit());
            }
            facts.put(task, f);
            if (outputs.contains(Output.PNG)) {
                files.add(save(dir, name, task + ".png", p -> Images.writePng(p, pic.image())));
            }
            if (outputs.contains(Output.NPY)) {
                if (provider.targetKind() == TargetKind.LABELS) {
                    int[] ids = Pictures.argmax(pred);
                    boolean wide = pred.channels() > 256;
                    files.add(save(dir, name, task + "_ids.png", p -> {
                        if (wide) {
                            Images.writeGray16(p, pred.height(), pred.width(), ids);
                        } else {
                            Images.writeGray8(p, pred.height(), pred.width(), ids);
                        }
                    }));
                } else if (pred.channels() == 1) {
                    files.add(save(dir, name, task + ".npy", p -> Npy.writeHw(p, pred)));
                } else {
                    files.add(save(dir, name, task + ".npy", p -> Npy.writeHwc(p, pred)));
                }
            }
        }
        if (outputs.contains(Output.PANEL)) {
            BufferedImage panel = Panel.compose(name, input, pictures);
            files.add(save(dir, name, "panel.png", p -> Images.writePng(p, panel)));
        }
        return new Written(files, facts);
    }

    private interface FileWrite {
        void to(Path file) throws IOException;
    }

    private static String save(Path dir, String name, String file, FileWrite w) throws IOException {
        w.to(dir.resolve(file));
        return name + "/" + file;
    }
}
