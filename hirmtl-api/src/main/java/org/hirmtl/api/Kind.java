package org.hirmtl.api;

import java.util.Locale;

/**
 * The kinds of component, the one list that the registries, the config loader, the plugin host, checkpoints and
 * {@code hirmtl plugins list} iterate. Each kind has the interface its components implement, the config key that
 * names one, and whether a trained model needs it at inference ({@code eval}, {@code predict}, {@code export} and
 * exported bundles): the model's parts and its tasks do; the dataset reader and the loss weighting do not.
 */
public enum Kind {
    /** A dataset layout reader: {@code data.type}. */
    DATASET("dataset", DatasetFactory.class, "data.type", false),
    /** A feature extractor: {@code model.backbone.type}. */
    BACKBONE("backbone", BackboneFactory.class, "model.backbone.type", true),
    /** Per-scale shared/task-specific features: {@code model.stf.type}. */
    SCALE_STAGE("scale stage", ScaleStageFactory.class, "model.stf.type", true),
    /** Fusion of scales per task: {@code model.fusion.type}. */
    FUSION("fusion", FusionFactory.class, "model.fusion.type", true),
    /** Cross-task exchange: {@code model.exchange.type}. */
    EXCHANGE("exchange", ExchangeFactory.class, "model.exchange.type", true),
    /** Prediction head: {@code model.head.type}. */
    HEAD("head", HeadFactory.class, "model.head.type", true),
    /** A task: a key under {@code tasks}. */
    TASK("task", TaskProvider.class, "tasks", true),
    /** A loss-weighting strategy: {@code train.weighting.type}. */
    WEIGHTING("weighting", WeightingFactory.class, "train.weighting.type", false);

    private final String label;
    private final Class<?> type;
    private final String configKey;
    private final boolean inference;

    Kind(String label, Class<?> type, String configKey, boolean inference) {
        this.label = label;
        this.type = type;
        this.configKey = configKey;
        this.inference = inference;
    }

    /**
     * How messages name the kind, e.g. {@code scale stage}.
     *
     * @return the kind's name in lower case words
     */
    public String label() {
        return label;
    }

    /**
     * The interface a component of this kind implements.
     *
     * @return the interface, e.g. {@link BackboneFactory} for {@link #BACKBONE}
     */
    public Class<?> type() {
        return type;
    }

    /**
     * The config key that names a component of this kind (for {@link #TASK}: the section whose keys are tasks).
     *
     * @return the dotted config key, e.g. {@code model.backbone.type}, or {@code tasks}
     */
    public String configKey() {
        return configKey;
    }

    /**
     * Whether a trained model needs a component of this kind to run inference (evaluate, predict, export).
     *
     * @return true for the model's parts and its tasks, false for the dataset reader and the loss weighting
     */
    public boolean inference() {
        return inference;
    }

    /**
     * The kind called {@code text} ({@code scale-stage}, {@code scale_stage} and {@code scale stage} alike).
     *
     * @param text the kind's name in any letter case, words joined by {@code -}, {@code _} or a space, optionally
     *             plural (e.g. {@code tasks})
     * @return the kind of that name
     * @throws IllegalArgumentException if no kind has that name
     */
    public static Kind parse(String text) {
        String t = text.strip().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        for (Kind k : values()) {
            if (k.name().equals(t) || k.name().equals(t.replaceAll("S$", ""))) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown component kind '" + text + "'");
    }
}
