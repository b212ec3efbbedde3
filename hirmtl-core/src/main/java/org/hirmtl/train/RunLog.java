package org.hirmtl.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.hirmtl.data.io.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * The run folder's log: {@code metrics.jsonl} (one JSON object per epoch, appended) and {@code curves.png} (training
 * loss per task and validation metrics per epoch), redrawn from the whole log after every epoch, so a resumed run's
 * curves include the epochs before the interruption.
 */
public final class RunLog {
    /** The per-epoch log file name. */
    public static final String METRICS = "metrics.jsonl";
    /** The curves picture file name. */
    public static final String CURVES = "curves.png";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path dir;

    /** @param dir the run folder */
    public RunLog(Path dir) {
        this.dir = dir;
    }

    /** Appends one epoch. */
    public void append(EpochSummary s) throws IOException {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("epoch", s.epoch());
        line.put("iteration", s.iteration());
        line.put("lr", s.learningRate());
        line.put("train_loss", s.trainLoss());
        line.put("weights", s.weights());
        line.put("val", s.validation());
        line.put("seconds", s.seconds());
        line.put("images_per_second", s.imagesPerSecond());
        line.put("best", s.best());
        Files.writeString(dir.resolve(METRICS), JSON.writeValueAsString(line) + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /**
     * Drops log lines of epochs after {@code epochsDone} (a resumed run repeats them), and a line cut short by a crash
     * during its append. Rewritten atomically.
     */
    public void truncateAfter(int epochsDone) throws IOException {
        Path f = dir.resolve(METRICS);
        if (!Files.exists(f)) {
            return;
        }
        List<String> keep = new ArrayList<>();
        for (String l : Files.readAllLines(f)) {
            if (l.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(l);
            } catch (JsonProcessingException e) {
                continue; // the last line of a crashed append
            }
            if (node.path("epoch").asInt() <= epochsDone) {
                keep.add(l);
            }
        }
        AtomicFiles.write(f, tmp -> Files.write(tmp, keep));
    }

    /** Redraws {@code curves.png} from {@code metrics.jsonl}. */
    public void drawCurves(Map<String, String> primaryMetrics) throws IOException {
        Path f = dir.resolve(METRICS);
        if (!Files.exists(f)) {
            return;
        }
        Map<String, List<double[]>> losses = new LinkedHashMap<>();
        Map<String, List<double[]>> metrics = new LinkedHashMap<>();
        for (String l : Files.readAllLines(f)) {
            if (l.isBlank()) {
                continue;
            }
            var node = JSON.readTree(l);
            double epoch = node.path("epoch").asDouble();
            node.path("train_loss").fields().forEachRemaining(e ->
                    losses.computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                            .add(new double[] {epoch, e.getValue().asDouble()}));
            primaryMetrics.forEach((task, metric) -> {
                var v = node.path("val").path(task + "." + metric);
                if (v.isNumber()) {
                    metrics.computeIfAbsent(task + "." + metric, k -> new ArrayList<>())
                            .add(new double[] {epoch, v.asDouble()});
                }
            });
        }
        // one panel for the losses, one small panel per validation metric (their scales differ: degrees, metres, [0,1])
        int cols = 2;
        int rows = Math.max(1, (metrics.size() + cols - 1) / cols);
        // wide enough for the longest panel title ("val " + task.metric, about 9 px a character): never cut
        int panelW = Math.max(360, 40 + 9 * (4 + metrics.keySet().stream().mapToInt(String::length).max().orElse(0)));
        int panelH = 240;
        BufferedImage left = BitmapEncoder.getBufferedImage(chart("Training loss per task (unweighted)", losses, true,
                640, Math.max(420, rows * panelH)));
        BufferedImage both = new BufferedImage(left.getWidth() + cols * panelW, left.getHeight(),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = both.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, both.getWidth(), both.getHeight());
        g.drawImage(left, 0, 0, null);
        int i = 0;
        for (Map.Entry<String, List<double[]>> e : metrics.entrySet()) {
            BufferedImage panel = BitmapEncoder.getBufferedImage(chart("val " + e.getKey(), Map.of(e.getKey(),
                    e.getValue()), false, panelW, panelH));
            g.drawImage(panel, left.getWidth() + (i % cols) * panelW, (i / cols) * panelH, null);
            i++;
        }
        g.dispose();
        AtomicFiles.write(dir.resolve(CURVES), tmp -> ImageIO.write(both, "png", tmp.toFile()));
    }

    private static XYChart chart(String title, Map<String, List<double[]>> series, boolean log, int width,
                                 int height) {
        XYChart c = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle("epoch").build();
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        c.getStyler().setLegendVisible(series.size() > 1);
        c.getStyler().setYAxisLogarithmic(log && allPositive(series));
        c.getStyler().setMarkerSize(5);
        series.forEach((name, points) -> {
            double[] x = new double[points.size()];
            double[] y = new double[points.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = points.get(i)[0];
                y[i] = Double.isFinite(points.get(i)[1]) ? points.get(i)[1] : 0;
            }
            c.addSeries(name, x, y);
        });
        if (series.isEmpty()) {
            c.addSeries("none", new double[] {0}, new double[] {0});
        }
        return c;
    }

    private static boolean allPositive(Map<String, List<double[]>> series) {
        return series.values().stream().flatMap(List::stream).allMatch(p -> p[1] > 0);
    }
}
