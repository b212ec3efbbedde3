package org.hirmtl.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.hirmtl.api.data.Dataset;
import org.hirmtl.api.data.DenseMap;
import org.hirmtl.api.data.Sample;
import org.hirmtl.api.data.TargetKind;
import org.hirmtl.data.io.DataFormatException;
import org.hirmtl.data.io.Images;

/**
 * A dataset stored as one folder per modality, {@code <folder>/<id><ext>}, with split files
 * {@code <splitFolder>/<split>.txt} (the NYUD_MT family of layouts). Which tasks it has is decided by which target
 * folders exist; a listed id without a target file for such a task is an error at load time (and reported by
 * {@link DatasetChecker}).
 */
public class FolderDataset implements Dataset {
    private final String type;
    private final Path root;
    private final String imageFolder;
    private final String imageExtension;
    private final String splitFolder;
    private final Map<String, TargetFormat> formats = new LinkedHashMap<>();
    private final Map<String, List<String>> classNames = new LinkedHashMap<>();

    /**
     * @param type the dataset type's name
     * @param root the dataset folder
     * @param imageFolder the folder of the RGB images
     * @param imageExtension their extension including the dot
     * @param splitFolder the folder of {@code <split>.txt} files
     * @param targets the target formats; only those whose folder exists are used
     * @throws IOException if the root, the image folder or the split folder is missing
     */
    public FolderDataset(String type, Path root, String imageFolder, String imageExtension, String splitFolder,
                         List<TargetFormat> targets) throws IOException {
        this.type = type;
        this.root = root;
        this.imageFolder = imageFolder;
        this.imageExtension = imageExtension;
        this.splitFolder = splitFolder;
        for (String folder : List.of("", imageFolder, splitFolder)) {
            Path p = root.resolve(folder);
            if (!Files.isDirectory(p)) {
                throw new NoSuchFileException(p.toString(), null, "not a " + type + " dataset: folder missing");
            }
        }
        for (TargetFormat f : targets) {
            if (Files.isDirectory(root.resolve(f.folder()))) {
                formats.put(f.task(), f);
            }
        }
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public Path root() {
        return root;
    }

    @Override
    public Set<String> tasks() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(formats.keySet()));
    }

    /** The target formats in use, keyed by task. */
    public Map<String, TargetFormat> formats() {
        return Collections.unmodifiableMap(formats);
    }

    @Override
    public List<String> splits() throws IOException {
        try (Stream<Path> s = Files.list(root.resolve(splitFolder))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".txt"))
                    .map(n -> n.substring(0, n.length() - 4)).sorted().toList();
        }
    }

    @Override
    public List<String> ids(String split) throws IOException {
        Path file = root.resolve(splitFolder).resolve(split + ".txt");
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "split '" + split + "' not found (splits: "
                    + String.join(", ", splits()) + ")");
        }
        List<String> ids = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String id = line.strip();
            if (!id.isEmpty()) {
                ids.add(id);
            }
        }
        return ids;
    }

    @Override
    public Sample load(String id, Set<String> tasks) throws IOException {
        DenseMap image = Images.readRgb(imageFile(id));
        Map<String, DenseMap> targets = new LinkedHashMap<>();
        for (String task : tasks) {
            TargetFormat f = formats.get(task);
            if (f == null) {
                continue;
            }
            Path file = targetFile(task, id);
            if (f.optional() && !Files.exists(file)) {
                continue; // e.g. PASCAL-Part covers only some images: the task is ignored for the others
            }
            DenseMap t = f.decoder().decode(file);
            if (t.height() != image.height() || t.width() != image.width()) {
                throw new DataFormatException(file, task + " target is " + t.sizeString() + " but the image is "
                        + image.sizeString());
            }
            String bad = TargetValues.check(TargetKind.ofBuiltinTask(task), t); // what 'hirmtl data check' checks
            if (bad != null) {
                throw new DataFormatException(file, task + ": " + bad);
            }
            targets.put(task, t);
        }
        return new Sample(id, image, targets);
    }

    @Override
    public Path imageFile(String id) {
        return root.resolve(imageFolder).resolve(id + imageExtension);
    }

    @Override
    public Path targetFile(String task, String id) {
        TargetFormat f = formats.get(task);
        if (f == null) {
            throw new IllegalArgumentException(type + " dataset at " + root + " has no '" + task + "' targets");
        }
        return root.resolve(f.folder()).resolve(id + f.extension());
    }

    /**
     * Names the classes of a label task's targets (e.g. from a dataset's manifest).
     *
     * @return this dataset
     */
    public FolderDataset withClassNames(String task, List<String> names) {
        classNames.put(task, List.copyOf(names));
        return this;
    }

    @Override
    public List<String> classNames(String task) {
        return classNames.getOrDefault(task, List.of());
    }
}
