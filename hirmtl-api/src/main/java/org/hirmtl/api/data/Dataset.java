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

    /**
     * The dataset type's registered name (e.g. {@code nyud_mt}).
     *
     * @return the name of the {@link org.hirmtl.api.DatasetFactory} that opened the dataset
     */
    String type();

    /**
     * The folder the dataset lives in.
     *
     * @return the dataset's root folder
     */
    Path root();

    /**
     * The tasks this dataset has targets for (those whose folders exist).
     *
     * @return the task names
     */
    Set<String> tasks();

    /**
     * The split names this dataset has (e.g. {@code train}, {@code val}).
     *
     * @return the split names
     * @throws IOException if the split files cannot be listed
     */
    List<String> splits() throws IOException;

    /**
     * The ids of a split, in file order.
     *
     * @param split a split name, one of {@link #splits()}
     * @return the example ids listed in the split's file
     * @throws IOException if the split file is missing or cannot be read
     */
    List<String> ids(String split) throws IOException;

    /**
     * Decodes the image and the targets of {@code tasks} that exist for {@code id}.
     *
     * @param id an example id from {@link #ids}
     * @param tasks the tasks whose targets to decode; a task without a target for {@code id} is left out
     * @return the decoded example
     * @throws IOException if a file cannot be read or decoded
     */
    Sample load(String id, Set<String> tasks) throws IOException;

    /**
     * The file holding {@code id}'s image.
     *
     * @param id an example id
     * @return the image file's path
     */
    Path imageFile(String id);

    /**
     * The file holding {@code id}'s target for {@code task}.
     *
     * @param task a task name, one of {@link #tasks()}
     * @param id an example id
     * @return the target file's path
     */
    Path targetFile(String task, String id);

    /**
     * The names of the classes of a label task's targets, in class-id order (e.g. {@code floor, wall, ...}), used
     * for picture legends when the task's config gives no {@code class_names}; empty when the dataset does not
     * name them (the default).
     *
     * @param task a label task's name
     * @return the class names, indexed by class id; empty when unknown
     */
    default java.util.List<String> classNames(String task) {
        return java.util.List.of();
    }
}
