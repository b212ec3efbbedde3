package org.hirmtl.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.hirmtl.api.TaskProvider;
import org.hirmtl.api.data.DenseMap;
import org.hirmtl.api.data.Sample;
import org.hirmtl.api.data.TargetKind;
import org.hirmtl.data.io.DataFormatException;
import org.hirmtl.data.io.Images;
import org.hirmtl.data.io.Npy;
import org.hirmtl.data.transform.Resize;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.format.Mat5File;
import us.hebi.matlab.mat.types.Array;
import us.hebi.matlab.mat.types.Matrix;

/**
 * Predictions another program saved, one file per task and image, read into the layout of each task's metric — so
 * {@code hirmtl eval --predictions DIR} scores MTI-Net's, ATRC's, InvPT's or anyone's outputs with the toolkit's
 * metrics.
 *
 * <p><b>Folders.</b> {@code DIR/<folder>/<id>.<ext>}, the folder being the task's name or the name MTI-Net's
 * {@code save_model_predictions} gives it ({@link #MTINET_FOLDERS}: {@code sal} for saliency, {@code human_parts} for
 * parts). <b>Files</b>, by extension and the task's target kind:
 * <ul>
 *   <li>{@code .npy}: the toolkit's own {@code --save-predictions} layout ({@code (H, W)} or {@code (H, W, C)}: class
 *       scores or ids, depth, normal vectors, probabilities), read as it is;</li>
 *   <li>{@code .png}: labels → the grey or palette value is the class id; normals → 8-bit RGB read back as
 *       {@code 2·v/255 − 1} (MTI-Net's evaluation); edge and saliency (binary maps) → {@code v/255} (8-bit) or
 *       {@code v/65535} (16-bit); depth in a PNG is refused (its scale is not standard);</li>
 *   <li>{@code .mat}: MATLAB files as MTI-Net writes depth ({@code scipy.io.savemat(f, {'depth': d})}): the variable
 *       named like the folder, else {@code depth}, else the file's only numeric variable, {@code (H, W)} or
 *       {@code (H, W, C)}.</li>
 * </ul>
 * A prediction must have its image's size; with {@code resize} it is resized instead (nearest for class ids,
 * bilinear otherwise). Before any image is scored, {@link #requireFiles} lists every missing file.
 */
public final class SavedPredictions implements DatasetEvaluation.PredictionSource {
    /** Task name → the folder MTI-Net's {@code save_model_predictions} writes it to, where the two differ. */
    public static final Map<String, String> MTINET_FOLDERS = Map.of("saliency", "sal", "parts", "human_parts");
    /** The file types read, in the order they are looked for. */
    public static final List<String> EXTENSIONS = List.of(".npy", ".png", ".mat");

    private final Path dir;
    private final Map<String, TaskProvider> tasks;
    private final Map<String, Path> folders;
    private final Map<String, String> extensions;
    private final boolean resize;

    private SavedPredictions(Path dir, Map<String, TaskProvider> tasks, Map<String, Path> folders,
                             Map<String, String> extensions, boolean resize) {
        this.dir = dir;
        this.tasks = tasks;
        this.folders = folders;
        this.extensions = extensions;
        this.resize = resize;
    }

    /**
     * Finds the predictions in {@code dir} for {@code tasks}: each task's folder and file type.
     *
     * @param tasks    the tasks to read (in report order); {@code required} names those that must be present
     * @param required whether a task without a folder is an error (else it is left out)
     * @param resize   resize predictions of another size than their image (else that is an error)
     * @throws IllegalArgumentException if {@code dir} is not a folder, no task has predictions, a required one has
     *                                  none, or a folder mixes file types
     */
    public static SavedPredictions open(Path dir, Map<String, TaskProvider> tasks, boolean required, boolean resize)
            throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--predictions: " + dir + " is not a folder");
        }
        Map<String, TaskProvider> found = new LinkedHashMap<>();
        Map<String, Path> folders = new LinkedHashMap<>();
        Map<String, String> extensions = new LinkedHashMap<>();
        for (Map.Entry<String, TaskProvider> e : tasks.entrySet()) {
            String t = e.getKey();
            Path folder = folder(dir, t);
            if (folder == null) {
                if (required) {
                    throw new IllegalArgumentException("--predictions: no folder for task '" + t + "' in " + dir
                            + " (expected " + t + "/" + (MTINET_FOLDERS.containsKey(t) ? " or "
                            + MTINET_FOLDERS.get(t) + "/" : "") + ")");
                }
                continue;
            }
            Set<String> types = new TreeSet<>();
            try (Stream<Path> s = Files.list(folder)) {
                s.map(p -> extension(p.getFileName().toString())).filter(EXTENSIONS::contains).forEach(types::add);
            }
            if (types.isEmpty()) {
                throw new IllegalArgumentException("--predictions: " + folder + " has no .npy, .png or .mat files");
            }
            if (types.size() > 1) {
                throw new IllegalArgumentException("--predictions: " + folder + " mixes file types "
                        + String.join(", ", types) + "; keep one per task");
            }
            String ext = types.iterator().next();
            if (ext.equals(".png") && e.getValue().targetKind() == TargetKind.DEPTH) {
                throw new IllegalArgumentException("--predictions: " + folder + " holds depth as PNG, whose scale "
                        + "is not standard; save depth as .npy or .mat (as MTI-Net does)");
            }
            found.put(t, e.getValue());
            folders.put(t, folder);
            extensions.put(t, ext);
        }
        if (found.isEmpty()) {
            throw new IllegalArgumentException("--predictions: " + dir + " has no folder named after a task ("
                    + String.join(", ", tasks.keySet()) + ", or MTI-Net's " + String.join(", ",
                    new TreeSet<>(MTINET_FOLDERS.values())) + ")");
        }
        return new SavedPredictions(dir, found, folders, extensions, resize);
    }

    private static Path folder(Path dir, String task) {
        Path own = dir.resolve(task);
        if (Files.isDirectory(own)) {
            return own;
        }
        String alias = MTINET_FOLDERS.get(task);
        return alias != null && Files.isDirectory(dir.resolve(alias)) ? dir.resolve(alias) : null;
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot).toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public List<String> tasks() {
        return List.copyOf(tasks.keySet());
    }

    /** Task → where its predictions are read and their file type, for the report. */
    public Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("path", dir.toAbsolutePath().toString());
        Map<String, String> files = new LinkedHashMap<>();
        folders.forEach((t, f) -> files.put(t, dir.relativize(f) + "/*" + extensions.get(t)));
        out.put("files", files);
        out.put("resized", resize);
        return out;
    }

    /** The file of {@code task}'s prediction for image {@code id}. */
    public Path file(String task, String id) {
        return folders.get(task).resolve(id + extensions.get(task));
    }

    /**
     * Checks that every image of {@code ids} has a prediction for every task.
     *
     * @throws IllegalArgumentException naming the first missing files and how many are missing, and files in the
     *                                  folders that match no image (often the same files, misnamed)
     */
    public void requireFiles(Collection<String> ids) throws IOException {
        Set<String> wanted = Set.copyOf(ids);
        List<String> problems = new ArrayList<>();
        for (String t : tasks.keySet()) {
            List<String> missing = new ArrayList<>();
            for (String id : ids) {
                if (!Files.isRegularFile(file(t, id))) {
                    missing.add(id + extensions.get(t));
                }
            }
            if (missing.isEmpty()) {
                continue;
            }
            List<String> stray = new ArrayList<>();
            try (Stream<Path> s = Files.list(folders.get(t))) {
                s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(extensions.get(t)))
                        .filter(n -> !wanted.contains(n.substring(0, n.length() - extensions.get(t).length())))
                        .sorted().forEach(stray::add);
            }
            String where = dir.relativize(folders.get(t)).toString();
            problems.add(where + "/: " + missing.size() + " of " + ids.size() + " missing (" + first(missing) + ")"
                    + (stray.isEmpty() ? "" : "; " + stray.size() + " match no image of the split ("
                    + first(stray) + ")"));
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("--predictions: files missing in " + dir + ": "
                    + String.join("; ", problems));
        }
    }

    private static String first(List<String> names) {
        return String.join(", ", names.subList(0, Math.min(3, names.size()))) + (names.size() > 3 ? ", ..." : "");
    }

    @Override
    public List<Map<String, DenseMap>> predict(List<Sample> samples) throws IOException {
        List<Map<String, DenseMap>> out = new ArrayList<>();
        for (Sample s : samples) {
            Map<String, DenseMap> predictions = new LinkedHashMap<>();
            for (Map.Entry<String, TaskProvider> e : tasks.entrySet()) {
                DenseMap target = s.target(e.getKey());
                if (target != null) {
                    predictions.put(e.getKey(), read(e.getKey(), e.getValue().targetKind(), s.id(), target));
                }
            }
            out.add(predictions);
        }
        return out;
    }

    private DenseMap read(String task, TargetKind kind, String id, DenseMap target) throws IOException {
        Path f = file(task, id);
        DenseMap m = switch (extensions.get(task)) {
            case ".npy" -> Npy.readMap(f);
            case ".mat" -> readMat(f, dir.relativize(folders.get(task)).toString());
            default -> readPng(f, kind);
        };
        if (m.height() == target.height() && m.width() == target.width()) {
            return m;
        }
        if (!resize) {
            throw new DataFormatException(f, "the prediction is " + m.height() + "x" + m.width() + " but the image is "
                    + target.height() + "x" + target.width() + " (add --resize-predictions to resize predictions)");
        }
        boolean ids = kind == TargetKind.LABELS && m.channels() == 1;
        return ids ? Resize.nearest(m, target.height(), target.width())
                : Resize.bilinear(m, target.height(), target.width());
    }

    /** A PNG prediction in the metric's layout (see the class comment). */
    static DenseMap readPng(Path f, TargetKind kind) throws IOException {
        return switch (kind) {
            case LABELS -> Images.readLabels(f);
            case NORMALS -> {
                DenseMap raw = Images.readRawChannels(f);
                double max = maxValue(f);
                float[] d = raw.data();
                for (int i = 0; i < d.length; i++) {
                    d[i] = (float) (2 * d[i] / max - 1);
                }
                yield raw;
            }
            case BINARY -> {
                DenseMap raw = Images.readLabels(f);
                double max = maxValue(f);
                float[] d = raw.data();
                for (int i = 0; i < d.length; i++) {
                    d[i] = (float) (d[i] / max);
                }
                yield raw;
            }
            case DEPTH -> throw new DataFormatException(f, "depth predictions are read from .npy or .mat, not PNG");
        };
    }

    private static double maxValue(Path f) throws IOException {
        return Images.read(f).getColorModel().getComponentSize(0) > 8 ? 65535 : 255;
    }

    /** A numeric 2-D or 3-D variable of a .mat file: {@code preferred}, else {@code depth}, else the only one. */
    static DenseMap readMat(Path f, String preferred) throws IOException {
        Mat5File mat;
        try {
            mat = Mat5.readFromFile(f.toFile());
        } catch (IOException | RuntimeException e) {
            throw new DataFormatException(f, "not a readable MATLAB .mat file (" + e.getMessage() + ")");
        }
        try (mat) {
            List<String> numeric = new ArrayList<>();
            for (var entry : mat.getEntries()) {
                if (entry.getValue() instanceof Matrix) {
                    numeric.add(entry.getName());
                }
            }
            String name = numeric.contains(preferred) ? preferred : numeric.contains("depth") ? "depth"
                    : numeric.size() == 1 ? numeric.get(0) : null;
            if (name == null) {
                throw new DataFormatException(f, "expected a variable '" + preferred + "' or 'depth' or a single "
                        + "numeric variable, found " + (numeric.isEmpty() ? "none" : String.join(", ", numeric)));
            }
            Matrix m = mat.getMatrix(name);
            int[] dims = ((Array) m).getDimensions();
            if (dims.length < 2 || dims.length > 3) {
                throw new DataFormatException(f, "variable '" + name + "' has " + dims.length + " dimensions; "
                        + "expected (H, W) or (H, W, C)");
            }
            int h = dims[0];
            int w = dims[1];
            int c = dims.length == 3 ? dims[2] : 1;
            DenseMap out = DenseMap.zeros(c, h, w);
            for (int k = 0; k < c; k++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        out.set(k, y, x, (float) (c == 1 ? m.getDouble(y, x) : m.getDouble(new int[] {y, x, k})));
                    }
                }
            }
            return out;
        }
    }
}
