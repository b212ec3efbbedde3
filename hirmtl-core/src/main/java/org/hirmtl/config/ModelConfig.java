package org.hirmtl.config;

import org.hirmtl.api.config.BackboneConfig;
import org.hirmtl.api.config.Checks;
import org.hirmtl.api.config.HeadConfig;
import org.hirmtl.api.config.StfConfig;

/**
 * The network: backbone → per-scale shared and task fine-tuned features (STF) → task-adaptive fusion across scales
 * → information exchange between tasks → heads (see {@code docs/model.md}).
 *
 * @param backbone multi-scale feature extractor
 * @param stf scale-level shared projection and per-task fine-tuning blocks
 * @param fusion per-task fusion of the scales
 * @param exchange cross-task exchange
 * @param head per-task prediction head
 */
public record ModelConfig(BackboneConfig backbone, StfConfig stf, FusionConfig fusion, ExchangeConfig exchange,
                          HeadConfig head) {

    /** Requires every part. */
    public ModelConfig {
        Checks.required("backbone", backbone);
        Checks.required("stf", stf);
        Checks.required("fusion", fusion);
        Checks.required("exchange", exchange);
        Checks.required("head", head);
    }
}
