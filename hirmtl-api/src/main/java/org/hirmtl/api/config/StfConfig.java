package org.hirmtl.api.config;

import java.util.Map;

/**
 * Scale level: which scale stage builds the per-scale features (the HirMTL {@code stf} stage: a shared 1×1
 * projection per scale and a residual fine-tuning block per (scale, task); {@code shared}: the projection only; or a
 * plugin's stage), and its settings.
 *
 * @param type the scale stage's registered name ({@code model.stf.type}, default {@code stf})
 * @param enabled false is the ablation without per-task fine-tuning blocks: it turns {@code stf} into
 *                {@code shared} (and is false whenever the type is {@code shared})
 * @param channels channels {@code C} of the shared projection and of everything after it
 * @param deepSupervision add a light head per (scale, task) trained with that task's loss
 * @param deepSupervisionWeight λ_ds, the factor on the deep-supervision losses
 * @param options the stage's own options ({@code model.stf.options}), checked against what it declares
 */
public record StfConfig(String type, boolean enabled, int channels, boolean deepSupervision,
                        double deepSupervisionWeight, Map<String, Object> options) {

    /** The stage that {@code enabled: false} selects. */
    public static final String SHARED = "shared";

    /** The HirMTL stage, the default. */
    public static final String STF = "stf";

    /**
     * Resolves {@code type} with {@code enabled} ({@code enabled: false} turns {@code stf} into {@code shared}; a
     * plugin's stage cannot be disabled); requires positive channels and a non-negative weight.
     *
     * @param type the scale stage's registered name; {@code null} for {@code stf} ({@code shared} when
     *             {@code enabled} is false)
     * @param enabled false is the ablation without per-task fine-tuning blocks (only for {@code stf} or
     *                {@code shared}); recomputed as whether the resolved type is not {@code shared}
     * @param channels channels {@code C} of the shared projection and of everything after it (≥ 1)
     * @param deepSupervision add a light head per (scale, task) trained with that task's loss
     * @param deepSupervisionWeight λ_ds, the factor on the deep-supervision losses (≥ 0)
     * @param options the stage's own options ({@code model.stf.options}); {@code null} is read as none
     */
    public StfConfig {
        if (type == null || (!enabled && STF.equals(type))) {
            type = enabled ? STF : SHARED;
        }
        Checks.text("type", type);
        if (!enabled && !SHARED.equals(type)) {
            throw new ConfigValueException("enabled", "false turns type 'stf' into 'shared'; type '" + type
                    + "' cannot be disabled (remove one of the two keys)");
        }
        enabled = !SHARED.equals(type);
        Checks.atLeast("channels", channels, 1);
        Checks.nonNegative("deep_supervision_weight", deepSupervisionWeight);
        options = Checks.freeForm("options", options == null ? Map.of() : options);
    }

    /**
     * A stage without options.
     *
     * @param type the scale stage's registered name; {@code null} for {@code stf} ({@code shared} when
     *             {@code enabled} is false)
     * @param enabled false is the ablation without per-task fine-tuning blocks (only for {@code stf} or
     *                {@code shared})
     * @param channels channels {@code C} of the shared projection and of everything after it (≥ 1)
     * @param deepSupervision add a light head per (scale, task) trained with that task's loss
     * @param deepSupervisionWeight λ_ds, the factor on the deep-supervision losses (≥ 0)
     */
    public StfConfig(String type, boolean enabled, int channels, boolean deepSupervision,
                     double deepSupervisionWeight) {
        this(type, enabled, channels, deepSupervision, deepSupervisionWeight, Map.of());
    }

    /**
     * The settings of the {@code stf} stage (or {@code shared} when {@code enabled} is false).
     *
     * @param enabled true for {@code stf}, false for the ablation {@code shared} (no per-task fine-tuning blocks)
     * @param channels channels {@code C} of the shared projection and of everything after it (≥ 1)
     * @param deepSupervision add a light head per (scale, task) trained with that task's loss
     * @param deepSupervisionWeight λ_ds, the factor on the deep-supervision losses (≥ 0)
     */
    public StfConfig(boolean enabled, int channels, boolean deepSupervision, double deepSupervisionWeight) {
        this(null, enabled, channels, deepSupervision, deepSupervisionWeight, Map.of());
    }
}
