package org.hirmtl.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hirmtl.api.eval.Direction;
import org.hirmtl.api.eval.MetricInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselinesTest {
    @TempDir
    Path dir;

    private Path report(String name, String metric, double value) throws Exception {
        return Files.writeString(dir.resolve(name), "{\"schema\": \"hirmtl-eval/1\", \"metrics\": {\"" + metric
                + "\": {\"value\": " + value + ", \"direction\": \"higher\"}}}");
    }

    @Test
    void aFolderOfReportsIsOneTable() throws Exception {
        report("a.json", "semseg.miou", 0.5);
        report("b.json", "depth.rmse", 0.8);
        Files.writeString(dir.resolve("notes.txt"), "ignored");
        assertEquals(Map.of("semseg.miou", 0.5, "depth.rmse", 0.8), Baselines.read(dir));
        assertEquals(Map.of("depth.rmse", 0.8), Baselines.read(dir.resolve("b.json")));
    }

    @Test
    void somethingElseIsOneClearError() throws Exception {
        Path json = Files.writeString(dir.resolve("x.json"), "{\"a\": 1}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Baselines.read(json));
        assertTrue(e.getMessage().contains("not a report of 'hirmtl eval --format json'"), e.getMessage());
        Path text = Files.writeString(dir.resolve("y.json"), "not json");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Baselines.read(text)).getMessage()
                .contains("not JSON"));
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThrows(IllegalArgumentException.class, () -> Baselines.read(empty));
    }

    @Test
    void deltaMNeedsEveryTasksPrimaryMetric() {
        Map<String, MetricInfo> infos = Map.of(
                "semseg.miou", new MetricInfo("miou", Direction.HIGHER, "mIoU"),
                "depth.rmse", new MetricInfo("rmse", Direction.LOWER, "RMSE"));
        Map<String, Double> multi = Map.of("semseg.miou", 0.55, "depth.rmse", 0.72);
        Map<String, Double> single = Map.of("semseg.miou", 0.50, "depth.rmse", 0.80);
        assertEquals(((0.55 - 0.5) / 0.5 - (0.72 - 0.8) / 0.8) / 2 * 100,
                Baselines.deltaM(multi, single, infos, List.of("semseg", "depth")), 1e-9);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Baselines.deltaM(multi, Map.of("depth.rmse", 0.8), infos, List.of("semseg", "depth")));
        assertTrue(e.getMessage().startsWith("the baseline has no 'semseg.miou'"), e.getMessage());
    }
}
