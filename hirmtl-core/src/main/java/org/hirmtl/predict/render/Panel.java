package org.hirmtl.predict.render;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hirmtl.api.render.Picture;

/**
 * A side-by-side panel of one image: the input and every task's {@link Picture}, each tile titled, with its legend or
 * colour bar underneath. Tiles are at most {@link #MAX_TILE_HEIGHT} pixels high (aspect kept) and laid out in rows of
 * {@link #COLUMNS}.
 */
public final class Panel {
    /** Tiles taller than this are scaled down. */
    public static final int MAX_TILE_HEIGHT = 320;
    /** Tiles per row. */
    public static final int COLUMNS = 3;
    private static final int GAP = 6;
    private static final int LINE = 15;
    private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 12);
    private static final FontMetrics METRICS = metrics();

    private Panel() {
    }

    private static FontMetrics metrics() {
        Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            return g.getFontMetrics(FONT);
        } finally {
            g.dispose();
        }
    }

    /**
     * Composes the panel.
     *
     * @param title the image's name
     * @param input the input image
     * @param pictures task → picture, in the order to show
     */
    public static BufferedImage compose(String title, BufferedImage input, Map<String, Picture> pictures) {
        List<Tile> tiles = new ArrayList<>();
        tiles.add(new Tile(title, input, null, true));
        pictures.forEach((task, p) -> tiles.add(new Tile(task, p.image(), p, false)));
        int th = Math.min(MAX_TILE_HEIGHT, input.getHeight());
        int tw = Math.max(1, (int) Math.round((double) input.getWidth() * th / input.getHeight()));
        int cols = Math.min(COLUMNS, tiles.size());
        int rows = (tiles.size() + cols - 1) / cols;
        int[] captionHeights = new int[rows];
        for (int i = 0; i < tiles.size(); i++) {
            captionHeights[i / cols] = Math.max(captionHeights[i / cols], captionHeight(tiles.get(i), tw));
        }
        int width = cols * tw + (cols + 1) * GAP;
        int height = GAP;
        for (int r = 0; r < rows; r++) {
            height += LINE + th + captionHeights[r] + GAP;
        }
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            int y = GAP;
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols && r * cols + c < tiles.size(); c++) {
                    Tile t = tiles.get(r * cols + c);
                    int x = GAP + c * (tw + GAP);
                    g.setColor(Color.BLACK);
                    g.setFont(TITLE);
                    g.drawString(clip(g, t.title, tw), x, y + LINE - 4);
                    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, t.smooth
                            ? RenderingHints.VALUE_INTERPOLATION_BILINEAR
                            : RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
                    g.drawImage(t.image, x, y + LINE, tw, th, null);
                    if (t.picture != null) {
                        caption(g, t.picture, x, y + LINE + th, tw);
                    }
                }
                y += LINE + th + captionHeights[r] + GAP;
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    private record Tile(String title, BufferedImage image, Picture picture, boolean smooth) {
    }

    private static int captionHeight(Tile t, int width) {
        if (t.picture == null) {
            return 0;
        }
        int h = 0;
        if (t.picture.bar() != null) {
            h += (1 + barLabels(t.picture.bar(), width, METRICS).size()) * LINE;
        }
        h += swatchRows(t.picture.legend().size(), width) * LINE;
        return h;
    }

    private static int swatchColumns(int width) {
        return Math.max(1, width / 110);
    }

    private static int swatchRows(int n, int width) {
        return (n + swatchColumns(width) - 1) / swatchColumns(width);
    }

    private static void caption(Graphics2D g, Picture p, int x, int y, int width) {
        g.setFont(FONT);
        int top = y + 3;
        Picture.ColourBar bar = p.bar();
        if (bar != null) {
            for (int i = 0; i < width; i++) {
                double v = bar.low() + (bar.high() - bar.low()) * i / Math.max(1, width - 1);
                g.setColor(new Color(bar.rgb(v)));
                g.drawLine(x + i, top, x + i, top + LINE - 4);
            }
            g.setColor(Color.BLACK);
            FontMetrics fm = g.getFontMetrics();
            top += LINE;
            for (String[] row : barLabels(bar, width, fm)) {
                g.drawString(row[0], x, top + LINE - 4);
                g.drawString(row[1], x + (width - fm.stringWidth(row[1])) / 2, top + LINE - 4);
                g.drawString(row[2], x + width - fm.stringWidth(row[2]), top + LINE - 4);
                top += LINE;
            }
        }
        int cols = swatchColumns(width);
        int cw = width / cols;
        for (int i = 0; i < p.legend().size(); i++) {
            Picture.Swatch s = p.legend().get(i);
            int sx = x + (i % cols) * cw;
            int sy = top + (i / cols) * LINE;
            g.setColor(new Color(s.rgb()));
            g.fillRect(sx, sy + 2, 10, 10);
            g.setColor(Color.GRAY);
            g.drawRect(sx, sy + 2, 10, 10);
            g.setColor(Color.BLACK);
            g.drawString(clip(g, s.label(), cw - 16), sx + 14, sy + 11);
        }
    }

    /**
     * The text rows under a colour bar of {@code width} pixels, each {left, centre, right}, laid out so that no two
     * overlap: {@code "0.00 m ... 10.0 m"} when it fits, else the unit in the middle ({@code "0.00  m  10.0"}), else
     * the unit on a row of its own (clipped to the width).
     */
    static List<String[]> barLabels(Picture.ColourBar bar, int width, FontMetrics fm) {
        String lo = number(bar.low());
        String hi = number(bar.high());
        String unit = bar.unit();
        int space = fm.stringWidth("  ");
        if (unit.isEmpty()) {
            return List.<String[]>of(new String[] {lo, "", hi});
        }
        String loU = lo + " " + unit;
        String hiU = hi + " " + unit;
        if (fm.stringWidth(loU) + space + fm.stringWidth(hiU) <= width) {
            return List.<String[]>of(new String[] {loU, "", hiU});
        }
        if (fm.stringWidth(lo) + fm.stringWidth(unit) + fm.stringWidth(hi) + 2 * space <= width) {
            return List.<String[]>of(new String[] {lo, unit, hi});
        }
        return List.of(new String[] {lo, "", hi}, new String[] {"", clip(fm, unit, width), ""});
    }

    private static String number(double v) {
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String clip(Graphics2D g, String s, int width) {
        return clip(g.getFontMetrics(), s, width);
    }

    private static String clip(FontMetrics fm, String s, int width) {
        if (fm.stringWidth(s) <= width) {
            return s;
        }
        String t = s;
        while (!t.isEmpty() && fm.stringWidth(t + "…") > width) {
            t = t.substring(0, t.length() - 1);
        }
        return t + "…";
    }
}
