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
        o.printf("%-10s %-14s %10s %10s   %s%n", "task", "metric", "model", "baseline", "baseline is");
        for (String task : cfg.taskNames()) {
            String primary = components.tasks().get(task).primaryMetric();
            for (Map.Entry<String, Double> e : r.validation().entrySet()) {
                String key = e.getKey();
                if (!key.startsWith(task + ".")) {
                    continue;
                }
                String metric = key.substring(task.length() + 1);
                Double base = r.baselines().get(key);
                o.printf("%-10s %-14s %10s %10s   %s%n", task, metric + (metric.equals(primary) ? " *" : ""),
                        TrainProgress.fmt(e.getValue()), base == null ? "-" : TrainProgress.fmt(base),
                        r.baselineNames().getOrDefault(task, ""));
            }
        }
        o.println("(* the task's headline metric)");
        o.flush();
    }
}
