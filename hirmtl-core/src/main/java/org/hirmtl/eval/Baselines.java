package org.hirmtl.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.hirmtl.api.eval.Direction;
import org.hirmtl.api.eval.MetricInfo;
import org.hirmtl.eval.metrics.DeltaM;

/**
 * Single-task baselines for Δm: the metrics of reports written by {@code hirmtl eval --format json} (schema
 * {@code hirmtl-eval/1}) of single-task checkpoints, from one file or every {@code .json} of a folder.
 */
public final class Baselines {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Baselines() {
    }

    /**
     * Reads {@code metric → value} from a report or a folder of reports (later files win on a repeated metric).
     *
     * @throws IllegalArgumentException if a file is not an eval report (no {@code metrics})
     */
    public static Map<String, Double> read(Path fileOrFolder) throws IOException {
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(fileOrFolder)) {
            try (Stream<Path> s = Files.list(fileOrFolder)) {
                s.filter(f -> f.toString().endsWith(".json")).sorted().forEach(files::add);
            }
            if (files.isEmpty()) {
                throw new IllegalArgumentException("baseline folder " + fileOrFolder + " holds no .json report");
            }
        } else {
            files.add(fileOrFolder);
        }
        Map<String, Double> all = new LinkedHashMap<>();
        for (Path f : files) {
            JsonNode m;
            try {
                m = JSON.readTree(f.toFile()).path("metrics");
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalArgumentException("baseline " + f + ": not JSON (" + e.getOriginalMessage() + ")");
            }
            if (m.isMissingNode() || !m.isObject()) {
                throw new IllegalArgumentException("baseline " + f + ": not a report of 'hirmtl eval --format json' "
                        + "(no metrics)");
            }
            m.fields().forEachRemaining(e -> all.put(e.getKey(), e.getValue().path("value").asDouble(Double.NaN)));
        }
        return all;
    }

    /**
     * Δm of {@code metrics} against {@code baselines} over each task's primary metric.
     *
     * @throws IllegalArgumentException naming a task whose primary metric the baselines lack
     */
    public static double deltaM(Map<String, Double> metrics, Map<String, Double> baselines,
                                Map<String, MetricInfo> infos, List<String> tasks) {
        Map<String, Double> multi = new LinkedHashMap<>();
        Map<String, Direction> dirs = new LinkedHashMap<>();
        for (String t : tasks) {
            String key = DeltaM.primaryKey(t);
            if (!baselines.containsKey(key)) {
                throw new IllegalArgumentException("the baseline has no '" + key + "' (it has: "
                        + String.join(", ", baselines.keySet()) + "); evaluate a single-task checkpoint of '" + t
                        + "' with --format json");
            }
            multi.put(key, metrics.get(key));
            dirs.put(key, infos.get(key).direction());
        }
        return DeltaM.deltaM(multi, baselines, dirs);
    }
}
