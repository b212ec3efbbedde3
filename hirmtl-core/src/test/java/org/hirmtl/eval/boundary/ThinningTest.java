package org.hirmtl.eval.boundary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Thinning against hand-derived cases and against scikit-image 0.19's {@code morphology.thin} (whose tests check
 * it against MATLAB's {@code bwmorph(..., 'thin', Inf)}); the expected pictures below are that function's output
 * for the pictured inputs.
 */
class ThinningTest {

    @Test
    void threeByThreeBlockThinsToItsCentre() {
        String in = """
                .......
                .......
                ..###..
                ..###..
                ..###..
                .......
                .......""";
        String out = """
                .......
                .......
                .......
                ...#...
                .......
                .......
                .......""";
        assertThins(in, out);
    }

    @Test
    void threeWideBarThinsToItsMiddleRowShortenedByOneAtEachEnd() {
        String in = """
                ............
                ............
                .##########.
                .##########.
                .##########.
                ............""";
        String out = """
                ............
                ............
                ............
                ..########..
                ............
                ............""";
        assertThins(in, out);
    }

    @Test
    void filledShapesMatchScikitImage() {
        assertThins("""
                .........
                .........
                ..#####..
                ..#####..
                ..#####..
                ..#####..
                ..#####..
                .........""", """
                .........
                .........
                .........
                .........
                ....#....
                .........
                .........
                .........""");
        assertThins("""
                ............
                ............
                ..########..
                ..########..
                ..########..
                ..########..
                ............""", """
                ............
                ............
                ............
                ............
                ...#####....
                ............
                ............""");
    }

    @Test
    void ringThinsToAClosedCurveAsScikitImage() {
        assertThins("""
                ...............
                .......#.......
                ....#######....
                ...#########...
                ..###########..
                ..###.....###..
                ..###.....###..
                .####.....####.
                ..###.....###..
                ..###.....###..
                ..###########..
                ...#########...
                ....#######....
                .......#.......
                ...............""", """
                ...............
                ...............
                ...............
                ....######.....
                ...#......#....
                ...#.......#...
                ...#.......#...
                ..#........#...
                ...#.......#...
                ...#.......#...
                ...#......#....
                ....######.....
                ...............
                ...............
                ...............""");
    }

    @Test
    void blobsTouchingTheBorderMatchScikitImage() {
        assertThins("""
                #............#######.......###
                ............#########......###
                ............#########......###
                ............##########....####
                .##..........##########...####
                ####...........########....###
                .###............#######....###
                ..##.............#####.....###
                .................####.....####
                ................####......####
                ...............####.......####
                ..##..........#####.......####
                #####........######......#####
                #####........######......#####
                ##########...#####......#####.
                #################......####...
                ######.#####.####......##.....
                ######.#####..##.......##.....""", """
                #.............................
                ............................#.
                ..............#.............#.
                ...............##..........#..
                .................#.........#..
                ##................#.........#.
                ..#................#........#.
                ..#................#........#.
                ..................#........#..
                .................#.........#..
                ................#..........#..
                ................#..........#..
                ...............#...........#..
                ..#............#..........#...
                ..#............#.........#....
                ...#####...####.........#.....
                ........###...#........#......
                .......................#......""");
    }

    @Test
    void onepixelLinesAreUnchangedAndThinningIsIdempotent() {
        String lines = """
                ..........
                .########.
                ..........
                ...#......
                ....#.....
                .....#....
                ......###.
                ..........""";
        assertThins(lines, lines);
        int h = 40;
        int w = 50;
        boolean[] img = random(new Random(3), h, w, 0.55);
        boolean[] once = Thinning.thin(img, h, w);
        assertArrayEquals(once, Thinning.thin(once, h, w));
    }

    @Test
    void reusedInstanceGivesTheSameResultAsAFreshOne() {
        Random rnd = new Random(5);
        Thinning reused = new Thinning();
        for (int round = 0; round < 6; round++) {
            int h = 10 + rnd.nextInt(20);
            int w = 10 + rnd.nextInt(100);
            boolean[] img = random(rnd, h, w, 0.6);
            BitImage b = BitImage.of(img, h, w);
            reused.thin(b);
            assertArrayEquals(Thinning.thin(img, h, w), b.toBooleans(), "round " + round);
        }
    }

    /** The definition applied literally: every pixel of the image examined in every subiteration. */
    @Test
    void agreesWithAFullScanOfTheDefinition() {
        Random rnd = new Random(17);
        for (int round = 0; round < 200; round++) {
            int h = 3 + rnd.nextInt(30);
            int w = 3 + rnd.nextInt(round % 2 == 0 ? 30 : 150);   // odd rounds span several 64-pixel words
            boolean[] img = random(rnd, h, w, rnd.nextDouble());
            assertArrayEquals(fullScan(img, h, w), Thinning.thin(img, h, w), "round " + round);
        }
    }

    private static boolean[] fullScan(boolean[] in, int h, int w) {
        int[][] offsets = {{0, 1}, {-1, 1}, {-1, 0}, {-1, -1}, {0, -1}, {1, -1}, {1, 0}, {1, 1}}; // x1..x8
        boolean[] a = in.clone();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int sub = 0; sub < 2; sub++) {
                boolean[] next = a.clone();
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        if (!a[y * w + x]) {
                            continue;
                        }
                        boolean[] nb = new boolean[10];
                        for (int k = 0; k < 8; k++) {
                            int yy = y + offsets[k][0];
                            int xx = x + offsets[k][1];
                            nb[k + 1] = yy >= 0 && yy < h && xx >= 0 && xx < w && a[yy * w + xx];
                        }
                        nb[9] = nb[1];
                        if (deletable(nb, sub == 0)) {
                            next[y * w + x] = false;
                            changed = true;
                        }
                    }
                }
                a = next;
            }
        }
        return a;
    }

    private static boolean deletable(boolean[] x, boolean first) {
        int xh = 0;
        int n1 = 0;
        int n2 = 0;
        for (int i = 1; i <= 4; i++) {
            xh += !x[2 * i - 1] && (x[2 * i] || x[2 * i + 1]) ? 1 : 0;
            n1 += x[2 * i - 1] || x[2 * i] ? 1 : 0;
            n2 += x[2 * i] || x[2 * i + 1] ? 1 : 0;
        }
        int m = Math.min(n1, n2);
        boolean g3 = first ? !((x[2] || x[3] || !x[8]) && x[1]) : !((x[6] || x[7] || !x[4]) && x[5]);
        return xh == 1 && m >= 2 && m <= 3 && g3;
    }

    private static boolean[] random(Random rnd, int h, int w, double density) {
        boolean[] img = new boolean[h * w];
        for (int i = 0; i < img.length; i++) {
            img[i] = rnd.nextDouble() < density;
        }
        return img;
    }

    @Test
    void emptyAndFullImages() {
        assertArrayEquals(new boolean[12], Thinning.thin(new boolean[12], 3, 4));
        boolean[] single = new boolean[9];
        single[4] = true;
        assertArrayEquals(single, Thinning.thin(single, 3, 3));
    }

    private static void assertThins(String in, String expected) {
        String[] rows = in.split("\n");
        int h = rows.length;
        int w = rows[0].length();
        boolean[] img = TestMaps.parse(in);
        assertEquals(expected, TestMaps.show(Thinning.thin(img, h, w), h, w));
    }
}
