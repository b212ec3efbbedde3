package org.hirmtl.data.synth;

import org.hirmtl.api.data.DenseMap;

/**
 * One rendered scene: the image and every task's label, all from the same ray cast, so they agree.
 *
 * <p>Pixel {@code p = y * width + x}. Arrays are shared, not copied; treat them as read-only.
 *
 * <p><b>Normals convention.</b> Normals are unit vectors in the camera frame with <i>x to the right, y up and z
 * towards the viewer</i> (OpenGL style, as NYUD normal maps are usually shown: a wall facing the camera is
 * {@code (0, 0, 1)}, the floor seen by a level camera is {@code (0, 1, 0)}). Every normal faces the camera, so
 * {@code n · r < 0} for the viewing ray {@code r} of its pixel (see {@link Camera#ray}). Horizontal flips negate x.
 * Normals stay valid where depth is a hole.
 *
 * @param index the scene index within its {@link SynthSpec}
 * @param camera intrinsics and pose, for back-projection
 * @param rgb 3xHxW colour in [0, 1]
 * @param depth 1xHxW distance along the optical axis (camera z, not ray length) in metres; 0 where {@code holes}
 * @param normals 3xHxW unit surface normals in the camera frame described above
 * @param classes per-pixel semantic class in {@code 0 .. K-1} (0 floor, 1 wall, 2 ceiling, then objects)
 * @param instances per-pixel instance id: 0..5 the floor, ceiling and four walls, then one id per object
 * @param edge 1xHxW in {0, 1}: 1 where the right or lower neighbour has a different instance or class
 * @param saliency 1xHxW in {0, 1}: 1 on objects (classes {@code >= 3}), 0 on room structure
 * @param holes per-pixel depth hole mask (Kinect-like dropouts); exactly where {@code depth == 0}
 */
public record Scene(int index, Camera camera, DenseMap rgb, DenseMap depth, DenseMap normals,
                    int[] classes, int[] instances, DenseMap edge, DenseMap saliency, boolean[] holes) {

    /** Checks that every map has the same height and width and the stated channels. */
    public Scene {
        int h = rgb.height();
        int w = rgb.width();
        int n = h * w;
        same(rgb, 3, h, w, "rgb");
        same(depth, 1, h, w, "depth");
        same(normals, 3, h, w, "normals");
        same(edge, 1, h, w, "edge");
        same(saliency, 1, h, w, "saliency");
        if (classes.length != n || instances.length != n || holes.length != n) {
            throw new IllegalArgumentException("per-pixel arrays must have " + n + " entries");
        }
    }

    private static void same(DenseMap m, int c, int h, int w, String name) {
        if (m.channels() != c || m.height() != h || m.width() != w) {
            throw new IllegalArgumentException(name + " is " + m + ", expected " + c + "x" + h + "x" + w);
        }
    }

    /** Image rows. */
    public int height() {
        return rgb.height();
    }

    /** Image columns. */
    public int width() {
        return rgb.width();
    }

    /**
     * A pinhole camera. Pixel {@code (x, y)} (column, row, centres at integers) looks along the camera-frame ray
     * {@code ((x - cx) / fx, -(y - cy) / fy, -1)}, whose z component is -1, so the 3-D point of a pixel with depth
     * {@code d} is {@code d} times that ray (camera frame: x right, y up, z towards the viewer).
     *
     * @param fx focal length in pixels, horizontal
     * @param fy focal length in pixels, vertical
     * @param cx principal point column
     * @param cy principal point row
     * @param rotation row-major 3x3 camera-to-world rotation (world y is up); its columns are the camera axes
     * @param position camera centre in world coordinates (metres)
     */
    public record Camera(double fx, double fy, double cx, double cy, double[] rotation, double[] position) {

        /** The camera-frame viewing ray of pixel {@code (x, y)}, scaled to z = -1 (unit depth). */
        public double[] ray(double x, double y) {
            return new double[] {(x - cx) / fx, -(y - cy) / fy, -1};
        }

        /** The camera-frame 3-D point seen at pixel {@code (x, y)} with the given depth. */
        public double[] backProject(double x, double y, double depth) {
            double[] r = ray(x, y);
            return new double[] {r[0] * depth, r[1] * depth, r[2] * depth};
        }

        /** Rotates a camera-frame direction into world coordinates. */
        public double[] toWorld(double[] v) {
            double[] r = rotation;
            return new double[] {
                r[0] * v[0] + r[1] * v[1] + r[2] * v[2],
                r[3] * v[0] + r[4] * v[1] + r[5] * v[2],
                r[6] * v[0] + r[7] * v[1] + r[8] * v[2]};
        }
    }
}
