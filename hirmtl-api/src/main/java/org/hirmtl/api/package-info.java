/**
 * The HirMTL plugin API: the extension points that the toolkit's own components and third-party plugins implement,
 * and only the types their signatures need. Plugins compile against this module ({@code org.hirmtl:hirmtl-api},
 * scope {@code provided}) and nothing else of the toolkit; Maven keeps the API from importing the core.
 *
 * <ul>
 *   <li>{@link org.hirmtl.api.Kind} — the one list of component kinds, with each kind's interface and config key;</li>
 *   <li>{@link org.hirmtl.api.ComponentProvider} — a plugin's entry point (a PF4J {@code @Extension}); it registers
 *       its components through a {@link org.hirmtl.api.Registrar} bound to the plugin's id;</li>
 *   <li>the extension points: {@link org.hirmtl.api.DatasetFactory}, {@link org.hirmtl.api.BackboneFactory},
 *       {@link org.hirmtl.api.ScaleStageFactory}, {@link org.hirmtl.api.FusionFactory},
 *       {@link org.hirmtl.api.ExchangeFactory}, {@link org.hirmtl.api.HeadFactory},
 *       {@link org.hirmtl.api.TaskProvider}, {@link org.hirmtl.api.WeightingFactory};</li>
 *   <li>{@link org.hirmtl.api.OnnxExportable} — implemented by a plugin's own DL4J vertex so models containing it
 *       export to ONNX (not registered).</li>
 * </ul>
 *
 * <p>The version rule: a plugin declares {@code Plugin-Requires} (e.g. {@code >=0.1.0 & <0.2.0}); the toolkit loads
 * it only when its API version is in that range. How to write, build, test and ship a plugin: docs/plugins.md and
 * {@code examples/plugin-template}; contract tests: module {@code hirmtl-testkit}.
 */
package org.hirmtl.api;
