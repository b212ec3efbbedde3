package org.hirmtl.predict;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hirmtl.api.data.DenseMap;
import org.hirmtl.data.io.Images;

/**
 * Predicts a list of input files in batches and writes every output; files that cannot be decoded as images are
 * skipped (reported to the listener) and the run goes on. At the end it writes {@code predictions.json} into the output
 * folder: the checkpoint, tasks, input-size policy, every image with its files (and e.g. the depth range of its
 * picture), and every skipped file with the reason.
 */
public final class PredictJob {
    /** The name of the index written into the output folder. */
    public static final String INDEX = "predictions.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Predictor predictor;
    private final PredictionWriter writer;
    private final Path out;
    private final Map<String, Object> header;

    /** Hears about progress. */
    public interface Listener {
        /** An image was predicted and written. */
        void predicted(Inputs.Input input);

        /** A file was skipped. @param reason one line */
        void skipped(Inputs.Input input, String reason);

        /** A file was used although its decoder warned (e.g. no colour profile). @param warning one line */
        default void warned(Inputs.Input input, String warning) {
        }
    }

    /** A skipped file. @param file the file @param reason why */
    public record Skipped(Path file, String reason) {
    }

    /** The outcome. @param predicted images written @param skipped files skipped @param seconds wall time */
    public record Summary(int predicted, List<Skipped> skipped, double seconds) {
        /** Images per second over the predicted images. */
        public double imagesPerSecond() {
            return seconds > 0 ? predicted / seconds : 0;
        }
    }

    /**
     * @param predictor the predictor
     * @param writer the writer
     * @param out the output folder (the index goes there)
     * @param header what to record at the top of the index (checkpoint, tasks, size policy …)
     */
    public PredictJob(Predictor predictor, PredictionWriter writer, Path out, Map<String, Object> header) {
        this.predictor = predictor;
        this.writer = writer;
        this.out = out;
        this.header = new LinkedHashMap<>(header);
    }

    /** Runs over {@code inputs}, {@code batch} images at a time. */
    public Summary run(List<Inputs.Input> inputs, int batch, Listener listener) throws IOException {
        if (batch < 1) {
            throw new IllegalArgumentException("--batch must be at least 1, got " + batch);
        }
        long start = System.nanoTime();
        Files.createDirectories(out);
        List<Map<String, Object>> images = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        int predicted = 0;
        for (int from = 0; from < inputs.size(); from += batch) {
            List<Inputs.Input> ok = new ArrayList<>();
            List<BufferedImage> decoded = new ArrayList<>();
            List<DenseMap> rgb = new ArrayList<>();
            for (Inputs.Input in : inputs.subList(from, Math.min(inputs.size(), from + batch))) {
                try {
                    Images.Decoded d = Images.readChecked(in.file());
                    BufferedImage img = d.image();
                    d.warnings().forEach(w -> listener.warned(in, w));
                    decoded.add(img);
                    rgb.add(Images.toRgb(img));
                    ok.add(in);
                } catch (IOException | RuntimeException e) {
                    String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                    reason = reason.replace(in.file().toString() + ": ", "");
                    skipped.add(new Skipped(in.file(), reason));
                    listener.skipped(in, reason);
                }
            }
            if (ok.isEmpty()) {
                continue;
            }
            List<Map<String, DenseMap>> predictions = predictor.predict(rgb);
            for (int i = 0; i < ok.size(); i++) {
                Inputs.Input in = ok.get(i);
                PredictionWriter.Written w = writer.write(in.name(), decoded.get(i), predictions.get(i));
                Map<String, Object> rec = new LinkedHashMap<>();
                rec.put("input", in.file().toString());
                rec.put("name", in.name());
                rec.put("height", decoded.get(i).getHeight());
                rec.put("width", decoded.get(i).getWidth());
                int[] ns = predictor.networkSize(decoded.get(i).getHeight(), decoded.get(i).getWidth());
                rec.put("network_size", List.of(ns[0], ns[1]));
                rec.put("files", w.files());
                w.facts().values().removeIf(Map::isEmpty);
                if (!w.facts().isEmpty()) {
                    rec.put("tasks", w.facts());
                }
                images.add(rec);
                predicted++;
                listener.predicted(in);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Object> index = new LinkedHashMap<>(header);
        index.put("predicted", predicted);
        index.put("images", images);
        List<Map<String, String>> sk = new ArrayList<>();
        skipped.forEach(s -> sk.add(Map.of("input", s.file().toString(), "reason", s.reason())));
        index.put("skipped", sk);
        JSON.writeValue(out.resolve(INDEX).toFile(), index);
        return new Summary(predicted, skipped, seconds);
    }
}
