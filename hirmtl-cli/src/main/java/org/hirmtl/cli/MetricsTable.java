package org.hirmtl.cli;

import java.io.PrintWriter;
import java.util.Map;
import org.hirmtl.config.ExperimentConfig;
import org.hirmtl.registry.Components;
import org.hirmtl.train.TrainResult;

/** The end-of-training table: every validation metric per task, next to the trivial baseline's value. */
final class MetricsTable {
    private MetricsTable() {
    }

    static void print(PrintWriter o, TrainResult r, Components components, ExperimentConfig cfg) {
        o.println();
        o.printf("Validation (%s split, %d epochs)%n", cfg.data().valSplit(), r.epochsDone());
        int tw = Math.max(10, cfg.taskNames().stream().mapToInt(String::length).max().orElse(0));
        int mw = Math.max(14, r.validation().keySet().stream().mapToInt(k -> k.length() - k.indexOf('.') + 1)
                .max().orElse(0));
        String row = "%-" + tw + "s %-" + mw + "s %10s %10s   %s%n"; // widths from the longest names: never cut
        o.printf(row, "task", "metric", "model", "baseline", "baseline is");
        for (String task : cfg.taskNames()) {
            String primary = components.tasks().get(task).primaryMetric();
            for (Map.Entry<String, Double> e : r.validation().entrySet()) {
                String key = e.getKey();
                if (!key.startsWith(task + ".")) {
                    continue;
                }
                String metric = key.substring(task.length() + 1);
                Double base = r.baselines().get(key);
                o.printf(row, task, metric + (metric.equals(primary) ? " *" : ""),
                        TrainProgress.fmt(e.getValue()), base == null ? "-" : TrainProgress.fmt(base),
                        r.baselineNames().getOrDefault(task, ""));
            }
        }
        o.println("(* the task's headline metric)");
        o.flush();
    }
}
