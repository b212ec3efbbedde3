package org.hirmtl.spark;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * Brings a dataset named by a Hadoop URI ({@code hdfs://}, {@code s3a://}, {@code file://}, ... any file system the
 * cluster's Hadoop configuration can read) onto the driver's disk, where the dataset readers open it: the driver reads
 * the data and sends batches to the executors. Plain paths are used as they are.
 */
final class DatasetStaging {
    /** Where a staged copy goes, inside the run folder (so a resume and a later {@code hirmtl eval} find it). */
    static final String FOLDER = "dataset";

    private DatasetStaging() {
    }

    /** Whether {@code root} names a file system (a URI with a scheme) rather than a local path. */
    static boolean isUri(String root) {
        int colon = root.indexOf("://");
        return colon > 1 && root.substring(0, colon).chars().allMatch(c -> Character.isLetterOrDigit(c)
                || c == '+' || c == '-' || c == '.');
    }

    /**
     * Copies {@code root} (a folder) to {@code runDir/dataset} unless a complete copy is there already.
     *
     * @return the local folder
     * @throws IOException if the file system cannot be read
     */
    static Path stage(String root, Path runDir, Configuration hadoop) throws IOException {
        Path local = runDir.resolve(FOLDER).toAbsolutePath();
        Path done = local.resolve(".staged");
        if (Files.exists(done) && Files.readString(done).equals(root)) {
            return local;
        }
        if (Files.exists(local)) {
            try (var files = Files.walk(local)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(local.getParent());
        org.apache.hadoop.fs.Path source = new org.apache.hadoop.fs.Path(URI.create(root));
        FileSystem fs = source.getFileSystem(hadoop);
        if (!fs.getFileStatus(source).isDirectory()) {
            throw new IllegalArgumentException("data.root " + root + " is not a folder");
        }
        fs.copyToLocalFile(false, source, new org.apache.hadoop.fs.Path(local.toUri()), true);
        Files.writeString(done, root);
        return local;
    }
}
