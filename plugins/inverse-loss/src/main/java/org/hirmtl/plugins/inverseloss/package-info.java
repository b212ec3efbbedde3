/**
 * Example plugin: the loss weighting {@code inverse-loss}. It is used only in training, so a model trained with it
 * is evaluated, run and exported without the plugin (checkpoints record it as a training-only plugin).
 */
package org.hirmtl.plugins.inverseloss;
