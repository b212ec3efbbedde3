/**
 * The wiring of the toolkit's own components into the registries ({@link org.hirmtl.builtin.BuiltinComponents}):
 * the one place that knows every built-in task, model part, dataset layout and weighting, above all of them, so the
 * registries below stay a plain lookup that evaluation, checkpoints and the config loader read.
 */
package org.hirmtl.builtin;
