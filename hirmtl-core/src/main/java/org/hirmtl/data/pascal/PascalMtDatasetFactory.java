package org.hirmtl.data.pascal;

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
 * PASCAL_MT (MTI-Net's PASCAL-Context multi-task layout): {@code JPEGImages/<id>.jpg},
 * {@code ImageSets/Context/{train,val}.txt} (4998 / 5105 ids), semantic segmentation
 * {@code semseg/pascal-context/<id>.png} (21 classes, 255 = ignore), human parts {@code human_parts/<id>.mat}
 * (PASCAL-Part; 6 parts + background; images without a file, or without a person, are ignored), saliency
 * {@code sal_distill/<id>.png} and normals {@code normals_distill/<id>.png} (the anchors' distilled labels), and
 * boundaries from the PASCAL-Context {@code LabelMap} in {@code pascal-context/trainval/<id>.mat}
 * ({@link ContextEdges}).
 */
public final class PascalMtDatasetFactory implements DatasetFactory {
    /** The registered name. */
    public static final String NAME = "pascal_mt";

    /** The 21 classes of PASCAL-Context's VOC subset (background + VOC's 20), in label order. */
    public static final List<String> CLASSES_21 = List.of("background", "aeroplane", "bicycle", "bird", "boat",
            "bottle", "bus", "car", "cat", "chair", "cow", "diningtable", "dog", "horse", "motorbike", "person",
            "pottedplant", "sheep", "sofa", "train", "tvmonitor");

    /** The human parts' names, in label order. */
    public static final List<String> PARTS_7 = List.of("background", "head", "torso", "upper arm", "lower arm",
            "upper leg", "lower leg");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "PASCAL_MT layout (MTI-Net): JPEGImages/, ImageSets/Context/, semseg/pascal-context/, human_parts/*.mat, "
                + "sal_distill/, normals_distill/, pascal-context/trainval/*.mat";
    }

    /** The target files and how each is decoded. */
    public static List<TargetFormat> formats() {
        return List.of(
                new TargetFormat("semseg", "semseg/pascal-context", ".png", Decoders::plainLabels),
                new TargetFormat("parts", "human_parts", ".mat", PascalMat::humanParts, true),
                new TargetFormat("saliency", "sal_distill", ".png", Decoders::pngBinary),
                new TargetFormat("normals", "normals_distill", ".png", Decoders::pngNormals),
                new TargetFormat("edge", "pascal-context/trainval", ".mat", PascalMat::edges));
    }

    @Override
    public Dataset open(Path root) throws IOException {
        return new FolderDataset(NAME, root, "JPEGImages", ".jpg", "ImageSets/Context", formats())
                .withClassNames("semseg", CLASSES_21).withClassNames("parts", PARTS_7);
    }

    @Override
    public boolean recognises(Path root) {
        return Files.isDirectory(root.resolve("JPEGImages")) && Files.isDirectory(root.resolve("ImageSets/Context"));
    }
}
