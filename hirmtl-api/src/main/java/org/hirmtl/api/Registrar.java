package org.hirmtl.api;

/**
 * Where a {@link ComponentProvider} registers its components. The toolkit hands each provider a registrar bound to
 * that provider's id (for a plugin: its {@code Plugin-Id}): every component registered here is recorded with that id
 * as its source, so checkpoints know which plugins a run used, and a plugin cannot register components in another's
 * name. Names are lower case letters, digits, {@code _}, {@code -} and {@code .}, starting with a letter, and unique
 * per kind across the toolkit and all plugins (a clash is an error and nothing of the plugin stays registered).
 *
 * <pre>{@code
 * public void contribute(Registrar r) {
 *     r.task("occlusion", new OcclusionTask());
 *     r.backbone("mobilenet", new MobileNetBackbone());
 * }
 * }</pre>
 */
public interface Registrar {

    /** The id every component registered here is recorded under. */
    String source();

    /**
     * Registers {@code component} as {@code name} of {@code kind}.
     *
     * @throws IllegalArgumentException if the component does not implement {@link Kind#type()}, the name is not
     *                                  valid, or a component of that kind already has that name
     */
    void register(Kind kind, String name, Object component);

    /** Registers a dataset reader. */
    default void dataset(String name, DatasetFactory factory) {
        register(Kind.DATASET, name, factory);
    }

    /** Registers a backbone. */
    default void backbone(String name, BackboneFactory factory) {
        register(Kind.BACKBONE, name, factory);
    }

    /** Registers a scale stage. */
    default void scaleStage(String name, ScaleStageFactory factory) {
        register(Kind.SCALE_STAGE, name, factory);
    }

    /** Registers a fusion. */
    default void fusion(String name, FusionFactory factory) {
        register(Kind.FUSION, name, factory);
    }

    /** Registers a cross-task exchange. */
    default void exchange(String name, ExchangeFactory factory) {
        register(Kind.EXCHANGE, name, factory);
    }

    /** Registers a head. */
    default void head(String name, HeadFactory factory) {
        register(Kind.HEAD, name, factory);
    }

    /** Registers a task. */
    default void task(String name, TaskProvider task) {
        register(Kind.TASK, name, task);
    }

    /** Registers a loss weighting. */
    default void weighting(String name, WeightingFactory factory) {
        register(Kind.WEIGHTING, name, factory);
    }
}
