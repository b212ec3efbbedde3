package org.hirmtl.data.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every task's label agrees with the others and with the camera, scene by scene. */
class SceneGeneratorTest {
    private static final SynthSpec SPEC = new SynthSpec(10, 2, 48, 64, 8, 7);
    private static final List<Scene> SCENES = new ArrayList<>();

    @BeforeAll
    static void render() {
        SceneGenerator g = new SceneGenerator();
        for (int i = 0; i < SPEC.scenes(); i++) {
            SCENES.add(g.generate(SPEC, i));
        }
    }

    @Test
    void generatingTwiceGivesTheSameScene() {
        Scene a = new SceneGenerator().generate(SPEC, 3);
        Scene b = SCENES.get(3);
        assertEquals(a.rgb(), b.rgb());
        assertEquals(a.depth(), b.depth());
        assertEquals(a.normals(), b.normals());
        assertArrayEquals(a.classes(), b.classes());
        assertArrayEquals(a.instances(), b.instances());
        assertArrayEquals(a.holes(), b.holes());
        assertFalse(a.rgb().equals(SCENES.get(4).rgb()), "different indices give different scenes");
    }

    @Test
    void normalsAreUnitAndFaceTheCamera() {
        for (Scene s : SCENES) {
            forEachPixel(s, (x, y, p) -> {
                double[] n = normal(s, p);
                assertEquals(1.0, Math.sqrt(dot(n, n)), 1e-5, "unit normal");
                assertTrue(dot(n, s.camera().ray(x, y)) < 0, () -> "normal faces the camera at " + x + "," + y);
            });
        }
    }

    @Test
    void normalsAgreeWithTheDepthGradientOnPlanes() {
        int checked = 0;
        int objects = 0;
        for (Scene s : SCENES) {
            int w = s.width();
            for (int y = 0; y + 1 < s.height(); y++) {
                for (int x = 0; x + 1 < w; x++) {
                    int p = y * w + x;
                    if (!planarNeighbourhood(s, p, p + 1, p + w)) {
                        continue;
                    }
                    double[] o = s.camera().backProject(x, y, s.depth().data()[p]);
                    double[] t1 = sub(s.camera().backProject(x + 1, y, s.depth().data()[p + 1]), o);
                    double[] t2 = sub(s.camera().backProject(x, y + 1, s.depth().data()[p + w]), o);
                    double[] c = cross(t2, t1);
                    double cos = dot(c, normal(s, p)) / Math.sqrt(dot(c, c));
                    assertTrue(cos > Math.cos(Math.toRadians(2)), "angle " + Math.toDegrees(Math.acos(cos))
                            + " deg at scene " + s.index() + " pixel " + x + "," + y);
                    checked++;
                    objects += s.instances()[p] >= Room.PLANES ? 1 : 0;
                }
            }
        }
        assertTrue(checked > 10_000 && objects > 500, "checked " + checked + ", on objects " + objects);
    }

    /**
     * The three pixels lie on one flat face: the same instance with bit-identical normals (room planes, box faces,
     * cylinder caps; curved surfaces never qualify) and valid depth.
     */
    private static boolean planarNeighbourhood(Scene s, int p, int q, int r) {
        int[] inst = s.instances();
        boolean[] holes = s.holes();
        return inst[p] == inst[q] && inst[p] == inst[r] && sameNormal(s, p, q) && sameNormal(s, p, r)
                && !holes[p] && !holes[q] && !holes[r];
    }

    private static boolean sameNormal(Scene s, int p, int q) {
        int n = s.classes().length;
        float[] d = s.normals().data();
        return d[p] == d[q] && d[n + p] == d[n + q] && d[2 * n + p] == d[2 * n + q];
    }

    @Test
    void roomNormalsAndDepthMatchTheWorldGeometry() {
        for (Scene s : SCENES) {
            Scene.Camera cam = s.camera();
            forEachPixel(s, (x, y, p) -> {
                double[] up = cam.toWorld(normal(s, p));
                int cls = s.classes()[p];
                if (cls == SynthSpec.FLOOR || cls == SynthSpec.CEILING) {
                    assertEquals(cls == SynthSpec.FLOOR ? 1 : -1, up[1], 1e-5, "floor up, ceiling down");
                } else if (cls == SynthSpec.WALL) {
                    assertEquals(0, up[1], 1e-5, "walls are vertical");
                }
                float d = s.depth().data()[p];
                if (cls == SynthSpec.FLOOR && d > 0) {
                    double[] world = cam.toWorld(cam.backProject(x, y, d));
                    assertEquals(0, world[1] + cam.position()[1], 1e-3, "floor point at height 0");
                }
            });
        }
    }

    @Test
    void edgesLieExactlyOnLabelChanges() {
        for (Scene s : SCENES) {
            int w = s.width();
            int h = s.height();
            float[] e = s.edge().data();
            forEachPixel(s, (x, y, p) -> {
                boolean right = x + 1 < w && differ(s, p, p + 1);
                boolean down = y + 1 < h && differ(s, p, p + w);
                boolean any = right || down || x > 0 && differ(s, p, p - 1) || y > 0 && differ(s, p, p - w);
                assertTrue(e[p] == 0f || e[p] == 1f);
                if (e[p] == 1f) {
                    assertTrue(any, "edge pixel without a label change at " + x + "," + y);
                }
                if (right) {
                    assertTrue(e[p] + e[p + 1] > 0, "horizontal change not covered at " + x + "," + y);
                }
                if (down) {
                    assertTrue(e[p] + e[p + w] > 0, "vertical change not covered at " + x + "," + y);
                }
            });
        }
    }

    private static boolean differ(Scene s, int p, int q) {
        return s.instances()[p] != s.instances()[q] || s.classes()[p] != s.classes()[q];
    }

    @Test
    void saliencyIsExactlyTheObjects() {
        int salientScenes = 0;
        for (Scene s : SCENES) {
            float[] sal = s.saliency().data();
            int count = 0;
            for (int p = 0; p < sal.length; p++) {
                assertEquals(s.classes()[p] >= SynthSpec.STRUCTURE_CLASSES ? 1f : 0f, sal[p]);
                count += (int) sal[p];
            }
            salientScenes += count > 0 ? 1 : 0;
        }
        assertTrue(salientScenes >= SCENES.size() - 1, "objects visible in " + salientScenes + " scenes");
    }

    @Test
    void depthIsZeroExactlyInHoles() {
        int holes = 0;
        for (Scene s : SCENES) {
            float[] d = s.depth().data();
            int count = 0;
            for (int p = 0; p < d.length; p++) {
                assertEquals(s.holes()[p], d[p] == 0f, "hole mask vs depth at " + p);
                assertTrue(d[p] >= 0f && d[p] < 15f, "depth " + d[p]);
                count += s.holes()[p] ? 1 : 0;
            }
            assertTrue(count < d.length / 4, "too many holes: " + count);
            holes += count;
        }
        assertTrue(holes > 0);
    }

    @Test
    void labelsAreInRangeAndEachInstanceHasOneClass() {
        Map<Integer, Integer> classOf = new HashMap<>();
        for (Scene s : SCENES) {
            classOf.clear();
            for (int p = 0; p < s.classes().length; p++) {
                int c = s.classes()[p];
                assertTrue(c >= 0 && c < SPEC.classes());
                assertEquals(c, (int) classOf.computeIfAbsent(s.instances()[p], k -> c));
                for (int ch = 0; ch < 3; ch++) {
                    float v = s.rgb().data()[ch * s.classes().length + p];
                    assertTrue(v >= 0f && v <= 1f);
                }
            }
        }
    }

    @Test
    void seedsOfScenesAreDistinct() {
        assertTrue(SceneGenerator.seedOf(1, 0) != SceneGenerator.seedOf(1, 1));
        assertTrue(SceneGenerator.seedOf(1, 0) != SceneGenerator.seedOf(2, 0));
    }

    interface PixelCheck {
        void check(int x, int y, int p);
    }

    private static void forEachPixel(Scene s, PixelCheck c) {
        for (int y = 0; y < s.height(); y++) {
            for (int x = 0; x < s.width(); x++) {
                c.check(x, y, y * s.width() + x);
            }
        }
    }

    private static double[] normal(Scene s, int p) {
        int n = s.classes().length;
        float[] d = s.normals().data();
        return new double[] {d[p], d[n + p], d[2 * n + p]};
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    private static double[] sub(double[] a, double[] b) {
        return new double[] {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
    }

    private static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }
}
