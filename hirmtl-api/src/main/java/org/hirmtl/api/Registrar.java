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

    /**
     * The id every component registered here is recorded under.
     *
     * @return the id of the provider this registrar is bound to (for a plugin: its {@code Plugin-Id})
     */
    String source();

    /**
     * Registers {@code component} as {@code name} of {@code kind}.
     *
     * @param kind      the kind of component, which decides the registry and the interface it must implement
     * @param name      the name configs use for the component: lower case letters, digits, {@code _}, {@code -} and
     *                  {@code .}, starting with a letter
     * @param component the component, an instance of {@code kind}'s {@link Kind#type()}
     * @throws IllegalArgumentException if the component does not implement {@link Kind#type()}, the name is not
     *                                  valid, or a component of that kind already has that name
     */
    void register(Kind kind, String name, Object component);

    /**
     * Registers a dataset reader.
     *
     * @param name    the name configs give as {@code data.type}
     * @param factory the reader of the layout
     */
    default void dataset(String name, DatasetFactory factory) {
        register(Kind.DATASET, name, factory);
    }

    /**
     * Registers a backbone.
     *
     * @param name    the name configs give as {@code model.backbone.type}
     * @param factory the backbone
     */
    default void backbone(String name, BackboneFactory factory) {
        register(Kind.BACKBONE, name, factory);
    }

    /**
     * Registers a scale stage.
     *
     * @param name    the name configs give as {@code model.stf.type}
     * @param factory the scale stage
     */
    default void scaleStage(String name, ScaleStageFactory factory) {
        register(Kind.SCALE_STAGE, name, factory);
    }

    /**
     * Registers a fusion.
     *
     * @param name    the name configs give as {@code model.fusion.type}
     * @param factory the fusion
     */
    default void fusion(String name, FusionFactory factory) {
        register(Kind.FUSION, name, factory);
    }

    /**
     * Registers a cross-task exchange.
     *
     * @param name    the name configs give as {@code model.exchange.type}
     * @param factory the exchange
     */
    default void exchange(String name, ExchangeFactory factory) {
        register(Kind.EXCHANGE, name, factory);
    }

    /**
     * Registers a head.
     *
     * @param name    the name configs give as {@code model.head.type}
     * @param factory the head
     */
    default void head(String name, HeadFactory factory) {
        register(Kind.HEAD, name, factory);
    }

    /**
     * Registers a task.
     *
     * @param name the task's name: its key under {@code tasks}, and the key of its batches and outputs
     * @param task the task
     */
    default void task(String name, TaskProvider task) {
        register(Kind.TASK, name, task);
    }

    /**
     * Registers a loss weighting.
     *
     * @param name    the name configs give as {@code train.weighting.type}
     * @param factory the weighting strategy
     */
    default void weighting(String name, WeightingFactory factory) {
        register(Kind.WEIGHTING, name, factory);
    }
}
