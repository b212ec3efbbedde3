package org.hirmtl.data;

/**
 * Where and how a folder dataset stores one task's targets: {@code <root>/<folder>/<id><extension>}.
 *
 * @param task the task name the targets are keyed by
 * @param folder the folder under the dataset root
 * @param extension the file extension including the dot, e.g. {@code .npy}
 * @param decoder turns a file into the decoded target
 * @param optional whether images may lack the file (the task is then ignored for them, and {@code data check} does
 *                 not report it)
 */
public record TargetFormat(String task, String folder, String extension, TargetDecoder decoder, boolean optional) {

    /** A target every image of the dataset has. */
    public TargetFormat(String task, String folder, String extension, TargetDecoder decoder) {
        this(task, folder, extension, decoder, false);
    }
}
