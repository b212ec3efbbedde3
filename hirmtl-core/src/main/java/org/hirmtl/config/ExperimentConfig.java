package org.hirmtl.config;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hirmtl.api.Kind;
import org.hirmtl.api.config.Checks;
import org.hirmtl.api.config.ConfigValueException;
import org.hirmtl.api.config.EvalConfig;
import org.hirmtl.api.config.TaskConfig;

/**
 * One experiment, fully resolved: the model, the tasks with their loss weights, the data, training and evaluation.
 * Load it with {@link ConfigLoader}, print it with {@link ConfigWriter}.
 *
 * @param name experiment name, used in run and checkpoint folder names (letters, digits, {@code . _ -})
 * @param model network architecture
 * @param tasks task name → weight and options, in the order the user listed them (unmodifiable)
 * @param data dataset, input size and augmentation
 * @param train optimisation, schedule, checkpoints, loss weighting
 * @param eval evaluation protocol
 * @param inference the engine that runs trained models for evaluation and prediction
 */
public record ExperimentConfig(String name, ModelConfig model, Map<String, TaskConfig> tasks, DataConfig data,
                               TrainConfig train, EvalConfig eval, InferenceConfig inference) {

    /** Validates every part and that the metrics named in {@code train} belong to a listed task. */
    public ExperimentConfig {
        Checks.text("name", name);
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new ConfigValueException("name", "must be letters, digits, '.', '_' or '-' (it names folders), got '"
                    + name + "'");
        }
        Checks.required("model", model);
        tasks = copyTasks(tasks);
        Checks.required("data", data);
        Checks.required("train", train);
        Checks.required("eval", eval);
        Checks.required("inference", inference);
        checkMetric("train.checkpoint.best_metric", train.checkpoint().bestMetric(), tasks);
        checkMetric("train.early_stopping.metric", train.earlyStopping().metric(), tasks);
    }

    /**
     * The component names this config uses, per kind: every task, and the one configured name of each other kind
     * (none for the dataset when {@code data.type} is {@code auto}).
     */
    public Map<Kind, List<String>> componentNames() {
        Map<Kind, List<String>> out = new EnumMap<>(Kind.class);
        out.put(Kind.DATASET, "auto".equals(data.type()) ? List.of() : List.of(data.type()));
        out.put(Kind.BACKBONE, List.of(model.backbone().type()));
        out.put(Kind.SCALE_STAGE, List.of(model.stf().type()));
        out.put(Kind.FUSION, List.of(model.fusion().type()));
        out.put(Kind.EXCHANGE, List.of(model.exchange().type()));
        out.put(Kind.HEAD, List.of(model.head().type()));
        out.put(Kind.TASK, List.copyOf(taskNames()));
        out.put(Kind.WEIGHTING, List.of(train.weighting().type()));
        return out;
    }

    /** The task names in order. */
    public List<String> taskNames() {
        return List.copyOf(tasks.keySet());
    }

    private static Map<String, TaskConfig> copyTasks(Map<String, TaskConfig> tasks) {
        Checks.required("tasks", tasks);
        if (tasks.isEmpty()) {
            throw new ConfigValueException("tasks", "list at least one task");
        }
        Map<String, TaskConfig> copy = new LinkedHashMap<>();
        tasks.forEach((name, task) -> copy.put(Checks.text("tasks", name), Checks.required("tasks." + name, task)));
        return Collections.unmodifiableMap(copy);
    }

    /** A metric is {@code loss} (total validation loss) or {@code <task>.<metric>}, e.g. {@code semseg.miou}. */
    private static void checkMetric(String field, String metric, Map<String, TaskConfig> tasks) {
        if (metric.equals("loss")) {
            return;
        }
        int dot = metric.indexOf('.');
        if (dot <= 0 || dot == metric.length() - 1) {
            throw new ConfigValueException(field, "must be 'loss' or '<task>.<metric>' like 'semseg.miou', got '"
                    + metric + "'");
        }
        String task = metric.substring(0, dot);
        if (!tasks.containsKey(task)) {
            throw new ConfigValueException(field, "task '" + task + "' of '" + metric + "' is not in tasks ("
                    + String.join(", ", tasks.keySet()) + ")");
        }
    }
}
