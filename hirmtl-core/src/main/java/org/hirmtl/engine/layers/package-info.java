/**
 * Lean variants of DL4J layers that keep fewer activation-size arrays in a training step, and {@link
 * org.hirmtl.engine.layers.LeanLayers}, which puts them into a graph configuration where they compute the same.
 *
 * <p>The configuration classes are stored by name in every checkpoint written with them: never rename or move them.
 */
package org.hirmtl.engine.layers;
