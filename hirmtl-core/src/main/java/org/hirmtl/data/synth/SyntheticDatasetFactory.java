package org.hirmtl.data.synth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hirmtl.api.DatasetFactory;
import org.hirmtl.api.data.Dataset;
import org.hirmtl.data.FolderDataset;
import org.hirmtl.data.nyud.NyudMtDatasetFactory;

/**
 * The built-in synthetic scenes as a dataset: a NYUD_MT folder (plus {@code saliency/}) written by
 * {@link SynthWriter}, recognised by its manifest, which also names the segmentation classes (for legends).
 */
public final class SyntheticDatasetFactory implements DatasetFactory {
    /** The registered name. */
    public static final String NAME = "synthetic";
    /** The manifest {@link SynthWriter} writes last; its presence marks a complete synthetic dataset. */
    public static final String MANIFEST = "synth.json";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "synthetic indoor scenes (hirmtl data synth): NYUD_MT layout plus saliency/";
    }

    @Override
    public Dataset open(Path root) throws IOException {
        return new FolderDataset(NAME, root, "images", ".jpg", "gt_sets", NyudMtDatasetFactory.formats())
                .withClassNames("semseg", Manifest.classNames(root));
    }

    @Override
    public boolean recognises(Path root) {
        return Files.isRegularFile(root.resolve(MANIFEST));
    }
}
