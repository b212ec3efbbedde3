package org.hirmtl.eval;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hirmtl.data.io.Images;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;

/**
 * Confusion-matrix pictures of an evaluation: one PNG per label task, ground-truth class per row, predicted class per
 * column, each row normalised to percent of that class's ground-truth pixels (so a rare class reads as clearly as a
 * frequent one), class names on the axes. Drawn with XChart's heat map.
 */
public final class ConfusionPlot {
    private ConfusionPlot() {
    }

    /**
     * Writes {@code DIR/<task>_confusion.png} for every task of {@code report} that has a confusion matrix.
     *
     * @return the files written, by task
     */
    public static Map<String, Path> writeAll(Path dir, EvalReport report) throws IOException {
        Map<String, Path> out = new LinkedHashMap<>();
        for (Map.Entry<String, EvalReport.PerClass> e : report.perClass().entrySet()) {
            if (e.getValue().confusion() == null) {
                continue;
            }
            Files.createDirectories(dir);
            Path f = dir.resolve(e.getKey() + "_confusion.png");
            Images.writePng(f, draw(e.getKey(), e.getValue()));
            out.put(e.getKey(), f);
        }
        return out;
    }

    /** The picture of one task's matrix. */
    static BufferedImage draw(String task, EvalReport.PerClass pc) {
        long[][] m = pc.confusion();
        int k = m.length;
        int side = Math.max(480, Math.min(1800, 160 + 26 * k));
        HeatMapChart chart = new HeatMapChartBuilder().width(side + 120).height(side)
                .title(task + ": confusion, % of each ground-truth class's pixels")
                .xAxisTitle("predicted").yAxisTitle("ground truth").build();
        chart.getStyler().setShowValue(k <= 25);
        chart.getStyler().setHeatMapValueDecimalPattern("0");
        chart.getStyler().setMin(0);
        chart.getStyler().setMax(100);
        chart.getStyler().setRangeColors(new Color[] {new Color(0xf7fbff), new Color(0x6baed6), new Color(0x08306b)});
        chart.getStyler().setPlotContentSize(1.0);
        chart.getStyler().setXAxisLabelRotation(k > 8 ? 90 : 0);
        List<String> names = new ArrayList<>();
        // the y axis runs upwards: list the classes reversed so class 0 is the top row
        for (int c = 0; c < k; c++) {
            names.add(pc.classes().get(c));
        }
        List<String> rows = new ArrayList<>(names);
        java.util.Collections.reverse(rows);
        List<Number[]> cells = new ArrayList<>();
        for (int g = 0; g < k; g++) {
            long total = 0;
            for (long v : m[g]) {
                total += v;
            }
            for (int p = 0; p < k; p++) {
                double pct = total == 0 ? 0 : 100.0 * m[g][p] / total;
                cells.add(new Number[] {p, k - 1 - g, pct});
            }
        }
        chart.addSeries(task, names, rows, cells);
        return BitmapEncoder.getBufferedImage(chart);
    }
}
