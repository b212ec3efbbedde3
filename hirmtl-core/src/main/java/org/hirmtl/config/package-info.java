/**
 * Experiment configuration: immutable, validated records ({@link org.hirmtl.config.ExperimentConfig} and its parts),
 * the YAML loader ({@link org.hirmtl.config.ConfigLoader}: built-in defaults, {@code extends} base files, deep merge,
 * {@code --set} overrides, names checked against a {@link org.hirmtl.config.ComponentCatalog}) and the writer that
 * prints a resolved config ({@link org.hirmtl.config.ConfigWriter}).
 *
 * <p>Every problem is one {@link org.hirmtl.config.ConfigException} naming the YAML path, the file and the line, e.g.
 * {@code model.fusion.type: unknown 'taf2' (known: taf, mean) at configs/nyud.yaml:14}. The keys, their defaults and
 * allowed values are documented in {@code docs/config.md}.
 */
package org.hirmtl.config;
