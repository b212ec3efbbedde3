package org.hirmtl.api.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * A dataset on disk: split files listing ids, and per id an image with targets keyed by task name.
 * Implementations decode files on the calling thread and are safe to call from several threads at once.
 */
public interface Dataset {

    /** The dataset type's registered name (e.g. {@code nyud_mt}). */
    String type();

    /** The folder the dataset lives in. */
    Path root();

    /** The tasks this dataset has targets for (those whose folders exist). */
    Set<String> tasks();

    /** The split names this dataset has (e.g. {@code train}, {@code val}). */
    List<String> splits() throws IOException;

    /** The ids of a split, in file order. */
    List<String> ids(String split) throws IOException;

    /** Decodes the image and the targets of {@code tasks} that exist for {@code id}. */
    Sample load(String id, Set<String> tasks) throws IOException;

    /** The file holding {@code id}'s image. */
    Path imageFile(String id);

    /** The file holding {@code id}'s target for {@code task}. */
    Path targetFile(String task, String id);

    /**
     * The names of the classes of a label task's targets, in class-id order (e.g. {@code floor, wall, ...}), used
     * for picture legends when the task's config gives no {@code class_names}; empty when the dataset does not
     * name them (the default).
     */
    default java.util.List<String> classNames(String task) {
        return java.util.List.of();
    }
}
