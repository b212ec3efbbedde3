package org.hirmtl.data.nyud;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hirmtl.api.DatasetFactory;
import org.hirmtl.api.data.Dataset;
import org.hirmtl.data.Decoders;
import org.hirmtl.data.FolderDataset;
import org.hirmtl.data.TargetFormat;

/**
 * NYUDv2 as InvPT ships it: the NYUD_MT folders, but {@code images/*.png}, {@code normals/*.png}
 * ({@code n = 2v/255 − 1}) and {@code edge/*.png} ({@code v/255}); segmentation and depth as in NYUD_MT.
 */
public final class NyudV2DatasetFactory implements DatasetFactory {
    /** The registered name. */
    public static final String NAME = "nyudv2";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "NYUDv2 layout (InvPT): images/*.png, segmentation/*.png, depth/*.npy, normals|edge/*.png, gt_sets/";
    }

    @Override
    public Dataset open(Path root) throws IOException {
        return new FolderDataset(NAME, root, "images", ".png", "gt_sets", List.of(
                new TargetFormat("semseg", "segmentation", ".png", Decoders::nyudLabels),
                new TargetFormat("depth", "depth", ".npy", Decoders::npyPlane),
                new TargetFormat("normals", "normals", ".png", Decoders::pngNormals),
                new TargetFormat("edge", "edge", ".png", Decoders::pngUnit)))
                .withClassNames("semseg", NyudMtDatasetFactory.CLASSES_40);
    }

    @Override
    public boolean recognises(Path root) {
        return Files.isDirectory(root.resolve("gt_sets")) && Files.isDirectory(root.resolve("images"))
                && NyudMtDatasetFactory.hasFile(root.resolve("images"), ".png");
    }
}
