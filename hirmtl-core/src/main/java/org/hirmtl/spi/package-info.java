/**
 * The extension points: the small interfaces that the toolkit's own components and third-party plugins implement,
 * each registered by name. This package is the stable API plugins compile against. One hook is not registered:
 * {@link org.hirmtl.spi.OnnxExportable}, implemented by a plugin's own DL4J vertex or layer classes so that models
 * containing them can be exported to ONNX.
 *
 * <p>A plugin registers its components through one {@link org.hirmtl.spi.ComponentProvider} marked with PF4J's
 * {@code @Extension}; {@code org.hirmtl.testkit.ComponentContract} (module {@code hirmtl-testkit}) checks them. How to
 * write, build, test and ship one: docs/plugins.md and {@code examples/plugin-template}.
 */
package org.hirmtl.spi;
