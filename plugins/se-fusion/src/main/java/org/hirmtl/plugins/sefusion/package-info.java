/**
 * Example fusion plugin: squeeze-and-excitation channel attention over the scales, with its own custom vertex
 * ({@link org.hirmtl.plugins.sefusion.ChannelGateVertex}, explicit backward, gradient-checked).
 */
package org.hirmtl.plugins.sefusion;
