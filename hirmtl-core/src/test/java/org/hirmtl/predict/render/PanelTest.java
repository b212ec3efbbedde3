package org.hirmtl.predict.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import org.hirmtl.api.data.DenseMap;
import org.hirmtl.api.render.ColourMap;
import org.hirmtl.api.render.Picture;
import org.hirmtl.api.render.Pictures;
import org.junit.jupiter.api.Test;

/** Colour-bar labels never overlap, at any tile width. */
class PanelTest {
    private static FontMetrics metrics() {
        Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        return g.getFontMetrics(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    }

    private static void assertNoOverlap(List<String[]> rows, int width, FontMetrics fm) {
        for (String[] r : rows) {
            int left = fm.stringWidth(r[0]);
            int centre = fm.stringWidth(r[1]);
            int right = fm.stringWidth(r[2]);
            int centreStart = (width - centre) / 2;
            assertTrue(left + right <= width, String.join("|", r) + " wider than " + width);
            if (centre > 0) {
                assertTrue(left <= centreStart && centreStart + centre <= width - right,
                        String.join("|", r) + " overlaps at " + width);
            }
        }
    }

    @Test
    void labelsOfANarrowTileDoNotOverlap() {
        FontMetrics fm = metrics();
        Picture.ColourBar prob = new Picture.ColourBar(ColourMap.TURBO, 0, 1, "probability", false);
        for (int width : new int[] {60, 97, 131, 160, 240, 320}) {
            List<String[]> rows = Panel.barLabels(prob, width, fm);
            assertNoOverlap(rows, width, fm);
            assertTrue(rows.stream().anyMatch(r -> String.join(" ", r).contains("0.00"))
                    && rows.stream().anyMatch(r -> String.join(" ", r).contains("1.00")), "both ends are labelled");
        }
        assertEquals(1, Panel.barLabels(prob, 320, fm).size(), "a wide tile has one row");
        assertEquals("0.00 probability", Panel.barLabels(prob, 320, fm).get(0)[0]);
        List<String[]> reported = Panel.barLabels(prob, 131, fm);
        assertTrue(!reported.get(0)[0].contains("probability"), "the 97x131 tile of the report names the unit once, "
                + "between or below the numbers: " + String.join("|", reported.get(0)));
    }

    @Test
    void aSmallPanelComposes() {
        DenseMap p = new DenseMap(1, 97, 131, new float[97 * 131]);
        Picture pic = Pictures.scalar(p, ColourMap.TURBO, false, "probability");
        BufferedImage img = Panel.compose("x", new BufferedImage(131, 97, BufferedImage.TYPE_INT_RGB),
                Map.of("edge", pic));
        assertTrue(img.getHeight() > 97 + 3 * 15, "room for the bar and two label rows: " + img.getHeight());
    }
}
