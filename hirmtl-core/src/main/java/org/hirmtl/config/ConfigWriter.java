package org.hirmtl.config;

import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Prints a resolved config as YAML in the loader's key style: sections in block style, lists of plain values in
 * flow style ({@code widths: [16, 32, 64, 128]}), sizes as {@code 128x160}. Loading the output gives an equal config.
 */
public final class ConfigWriter {
    private ConfigWriter() {
    }

    /** The whole config, every key written. */
    public static String toYaml(ExperimentConfig config) {
        Map<?, ?> tree = ConfigMapper.MAPPER.convertValue(config, Map.class);
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setWidth(120);
        return new Yaml(new CompactLists(options), options).dump(tree);
    }

    /** Block style everywhere except lists whose items are all plain values. */
    private static final class CompactLists extends Representer {
        CompactLists(DumperOptions options) {
            super(options);
        }

        @Override
        protected Node representSequence(Tag tag, Iterable<?> sequence, DumperOptions.FlowStyle flowStyle) {
            boolean plain = true;
            for (Object item : sequence) {
                plain &= !(item instanceof Map<?, ?> || item instanceof Iterable<?>);
            }
            return super.representSequence(tag, sequence, plain ? DumperOptions.FlowStyle.FLOW : flowStyle);
        }
    }
}
