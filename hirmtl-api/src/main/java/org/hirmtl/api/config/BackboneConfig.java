package org.hirmtl.api.config;

import java.util.List;
import java.util.Map;

/**
 * The backbone.
 *
 * @param type a registered backbone name, e.g. {@code resnet18}, {@code resnet34}, {@code hrnet}
 * @param widths channel width per stage; empty = the backbone's standard widths
 * @param options backbone-specific settings, free-form (unmodifiable)
 */
public record BackboneConfig(String type, List<Integer> widths, Map<String, Object> options) {

    /**
     * Requires a type and positive widths.
     *
     * @param type    a registered backbone name, e.g. {@code resnet18}, {@code resnet34}, {@code hrnet}
     * @param widths  channel width per stage, each ≥ 1; empty = the backbone's standard widths
     * @param options backbone-specific settings, free-form (copied unmodifiable)
     */
    public BackboneConfig {
        Checks.text("type", type);
        widths = Checks.list("widths", widths);
        for (int i = 0; i < widths.size(); i++) {
            Checks.atLeast("widths[" + i + "]", widths.get(i), 1);
        }
        options = Checks.freeForm("options", options);
    }
}
