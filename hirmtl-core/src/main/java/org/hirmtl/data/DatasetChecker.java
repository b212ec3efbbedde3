package org.hirmtl.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hirmtl.api.data.Dataset;
import org.hirmtl.api.data.DenseMap;
import org.hirmtl.api.data.TargetKind;
import org.hirmtl.data.io.DataFormatException;
import org.hirmtl.data.io.Images;

/**
 * Validates a dataset file by file: ids in split files without an image, missing or unreadable (truncated) target
 * files, sizes that disagree between the image and a task, and values outside a task's convention. Every problem
 * names the file. Runs on several threads.
 */
public final class DatasetChecker {
    private final int threads;

    /** One thing wrong with a dataset. @param file the file concerned @param message what is wrong */
    public record Problem(Path file, String message) {
        @Override
        public String toString() {
            return file + ": " + message;
        }
    }

    /**
     * The result of a check.
     *
     * @param type the dataset type
     * @param root its folder
     * @param splits ids per split
     * @param tasks tasks found
     * @param problems everything wrong, in split and id order
     */
    public record Report(String type, Path root, Map<String, Integer> splits, Set<String> tasks,
                         List<Problem> problems) {
        /** Whether nothing is wrong. */
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /** @param threads decoding threads (at least 1) */
    public DatasetChecker(int threads) {
        this.threads = Math.max(1, threads);
    }

    /** The number of ids {@link #check} will visit (for progress bars). */
    public static int count(Dataset dataset) throws IOException {
        int n = 0;
        for (String split : dataset.splits()) {
            n += dataset.ids(split).size();
        }
        return n;
    }

    /**
     * What an experiment expects of the dataset beyond its own layout.
     *
     * @param classes label task → its number of classes K: a label outside {@code 0..K-1} (and not 255 = ignore) is
     *                a problem
     * @param splits  splits the experiment reads ({@code data.train_split}, {@code data.val_split}): each must have
     *                its split file
     */
    public record Expectations(Map<String, Integer> classes, List<String> splits) {
        /** Copies the maps. */
        public Expectations {
            classes = Map.copyOf(classes);
            splits = List.copyOf(splits);
        }

        /** Nothing beyond what the dataset itself says (its class names give the class counts). */
        public static Expectations none() {
            return new Expectations(Map.of(), List.of());
        }
    }

    /**
     * Checks every id of every split against the dataset's own conventions (a label task whose classes the dataset
     * names has that many classes).
     *
     * @param onStep called once per id checked (from worker threads)
     */
    public Report check(Dataset dataset, Runnable onStep) throws IOException, InterruptedException {
        return check(dataset, Expectations.none(), onStep);
    }

    /**
     * Checks every id of every split, and what an experiment expects: label ranges and split files.
     *
     * @param onStep called once per id checked (from worker threads)
     */
    public Report check(Dataset dataset, Expectations expected, Runnable onStep) throws IOException,
            InterruptedException {
        // derived targets have no files of their own: check the files they come from
        Dataset files = dataset instanceof DerivedTargets d ? d.base() : dataset;
        Map<String, Integer> classes = new LinkedHashMap<>();
        for (String task : files.tasks()) {
            if (!files.classNames(task).isEmpty()) {
                classes.put(task, files.classNames(task).size());
            }
        }
        classes.putAll(expected.classes());
        return checkFiles(files, classes, expected.splits(), onStep);
    }

    private Report checkFiles(Dataset dataset, Map<String, Integer> classes, List<String> required, Runnable onStep)
            throws IOException, InterruptedException {
        Map<String, Integer> splits = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        List<String> order = new ArrayList<>();
        for (String split : dataset.splits()) {
            List<String> ids = dataset.ids(split);
            splits.put(split, ids.size());
            Set<String> seen = new HashSet<>();
            for (String id : ids) {
                if (!seen.add(id)) {
                    problems.add(new Problem(splitFile(dataset, split), "id '" + id + "' listed twice"));
                }
            }
            order.addAll(ids);
        }
        if (splits.isEmpty()) {
            problems.add(new Problem(dataset.root(), "no split files (<split>.txt)"));
        }
        for (String split : required) {
            if (!splits.containsKey(split)) {
                problems.add(new Problem(splitFile(dataset, split), "split '" + split + "' named in the config has no "
                        + "split file (the dataset has: " + (splits.isEmpty() ? "none"
                        : String.join(", ", splits.keySet())) + ")"));
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "hirmtl-check");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<List<Problem>>> futures = new ArrayList<>();
            for (String id : new java.util.LinkedHashSet<>(order)) {
                futures.add(pool.submit(() -> {
                    try {
                        return checkId(dataset, id, classes);
                    } finally {
                        onStep.run();
                    }
                }));
            }
            for (Future<List<Problem>> f : futures) {
                problems.addAll(f.get());
            }
        } catch (ExecutionException e) {
            throw new IOException("dataset check failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return new Report(dataset.type(), dataset.root(), splits, dataset.tasks(),
                Collections.unmodifiableList(problems));
    }

    private static Path splitFile(Dataset dataset, String split) {
        return dataset.root().resolve("gt_sets").resolve(split + ".txt");
    }

    private static List<Problem> checkId(Dataset dataset, String id, Map<String, Integer> classes) {
        List<Problem> out = new ArrayList<>();
        Path imageFile = dataset.imageFile(id);
        int[] size = null;
        try {
            var img = Images.readStrict(imageFile);
            size = new int[] {img.getHeight(), img.getWidth()};
        } catch (NoSuchFileException e) {
            out.add(new Problem(imageFile, "missing (id '" + id + "' is listed in a split file)"));
        } catch (IOException e) {
            out.add(new Problem(imageFile, reason(e)));
        }
        if (size == null && dataset.tasks().stream().noneMatch(t -> Files.exists(dataset.targetFile(t, id)))) {
            out.clear();
            out.add(new Problem(imageFile, "id '" + id + "' is listed in a split file but has no image and no "
                    + "targets"));
            return out;
        }
        for (String task : dataset.tasks()) {
            Path file = dataset.targetFile(task, id);
            if (dataset instanceof FolderDataset fd && fd.formats().get(task).optional() && !Files.exists(file)) {
                continue;
            }
            try {
                DenseMap t = decode(dataset, task, file);
                if (size != null && (t.height() != size[0] || t.width() != size[1])) {
                    out.add(new Problem(file, task + " target is " + t.sizeString() + " but the image is "
                            + size[0] + "x" + size[1]));
                }
                String bad = TargetValues.check(TargetKind.ofBuiltinTask(task), t);
                if (bad != null) {
                    out.add(new Problem(file, task + ": " + bad));
                } else if (classes.containsKey(task)) {
                    String range = TargetValues.labelRange(t, classes.get(task));
                    if (range != null) {
                        out.add(new Problem(file, task + ": " + range));
                    }
                }
            } catch (NoSuchFileException e) {
                out.add(new Problem(file, "missing " + task + " target for id '" + id + "'"));
            } catch (IOException e) {
                out.add(new Problem(file, reason(e)));
            }
        }
        return out;
    }

    private static DenseMap decode(Dataset dataset, String task, Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString());
        }
        if (dataset instanceof FolderDataset fd) {
            return fd.formats().get(task).decoder().decode(file);
        }
        throw new IOException("cannot check targets of a " + dataset.type() + " dataset");
    }

    private static String reason(IOException e) {
        if (e instanceof DataFormatException d) {
            return d.detail();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
