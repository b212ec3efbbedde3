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
 * NYUD_MT (MTI-Net's layout): {@code images/<id>.jpg}, {@code segmentation/<id>.png} (0 = unlabelled, 1..40),
 * {@code depth/<id>.npy} (metres, 0 = missing), {@code normals/<id>.npy} (H×W×3), {@code edge/<id>.npy} ({0,1}),
 * optional {@code saliency/<id>.png} (the synthetic scenes add it), {@code gt_sets/<split>.txt}.
 */
public final class NyudMtDatasetFactory implements DatasetFactory {
    /** The registered name. */
    public static final String NAME = "nyud_mt";

    /** The target formats of the layout. */
    public static List<TargetFormat> formats() {
        return List.of(
                new TargetFormat("semseg", "segmentation", ".png", Decoders::nyudLabels),
                new TargetFormat("depth", "depth", ".npy", Decoders::npyPlane),
                new TargetFormat("normals", "normals", ".npy", Decoders::npyNormals),
                new TargetFormat("edge", "edge", ".npy", Decoders::npyPlane),
                new TargetFormat("saliency", "saliency", ".png", Decoders::pngBinary));
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * The 40 NYUD-v2 classes of Gupta et al. (label PNG values 1..40; 0 = unlabelled), as MTI-Net, ATRC and InvPT
     * use them.
     */
    public static final List<String> CLASSES_40 = List.of("wall", "floor", "cabinet", "bed", "chair", "sofa", "table",
            "door", "window", "bookshelf", "picture", "counter", "blinds", "desk", "shelves", "curtain", "dresser",
            "pillow", "mirror", "floor mat", "clothes", "ceiling", "books", "refrigerator", "television", "paper",
            "towel", "shower curtain", "box", "whiteboard", "person", "night stand", "toilet", "sink", "lamp",
            "bathtub", "bag", "otherstructure", "otherfurniture", "otherprop");

    @Override
    public String description() {
        return "NYUD_MT layout (MTI-Net): images/*.jpg, segmentation/*.png, depth|normals|edge/*.npy, gt_sets/";
    }

    @Override
    public Dataset open(Path root) throws IOException {
        return new FolderDataset(NAME, root, "images", ".jpg", "gt_sets", formats())
                .withClassNames("semseg", CLASSES_40);
    }

    @Override
    public boolean recognises(Path root) {
        return Files.isDirectory(root.resolve("gt_sets")) && Files.isDirectory(root.resolve("normals"))
                && hasFile(root.resolve("normals"), ".npy");
    }

    static boolean hasFile(Path dir, String extension) {
        try (var s = Files.list(dir)) {
            return s.anyMatch(p -> p.getFileName().toString().endsWith(extension));
        } catch (IOException e) {
            return false;
        }
    }
}
