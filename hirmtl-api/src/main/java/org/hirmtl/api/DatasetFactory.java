package org.hirmtl.api;

import java.io.IOException;
import java.nio.file.Path;
import org.hirmtl.api.data.Dataset;

/**
 * Opens a dataset of one on-disk layout. Registered by {@link #name()} in the dataset registry and named in configs
 * as {@code data.type}.
 *
 * <pre>{@code
 * public final class MyDatasetFactory implements DatasetFactory {
 *     public String name() { return "my_layout"; }
 *     public Dataset open(Path root) throws IOException { return new MyDataset(root); }
 * }
 * }</pre>
 */
public interface DatasetFactory extends Component {



    /**
     * Opens the dataset in {@code root}.
     *
     * @param root the dataset's folder
     * @return the dataset, ready to list its splits and load examples
     * @throws IOException if {@code root} is not a dataset of this layout (missing folder, no split files)
     */
    Dataset open(Path root) throws IOException;

    /**
     * Whether {@code root} looks like this layout (used to pick a type automatically in {@code hirmtl data check}).
     *
     * @param root a folder that may hold a dataset
     * @return true if {@code root} has the files of this layout
     */
    boolean recognises(Path root);
}
