/**
 * HirMTL's own graph operations as DL4J graph vertices with explicit forward and backward passes in ND4J ops.
 *
 * <ul>
 *   <li>{@link org.hirmtl.model.vertices.ScaleSoftmaxFusionVertex} — TAF's per-pixel softmax over scales and the
 *       weighted sum of the scale features;</li>
 *   <li>{@link org.hirmtl.model.vertices.GatedExchangeVertex} — AICM's shared/unique split for one (target, source)
 *       pair;</li>
 *   <li>{@code ChannelL2NormalizeVertex} — per-pixel L2 normalisation over channels (surface normals);</li>
 *   <li>{@link org.hirmtl.model.vertices.BilinearUpsampleVertex} — bilinear upsampling by an integer factor, equal
 *       to PyTorch's {@code interpolate(mode="bilinear", align_corners=False)} borders included, as two GEMMs with
 *       cached interpolation matrices;</li>
 *   <li>{@link org.hirmtl.model.vertices.BilinearKernelInit} — only to read checkpoints written before
 *       {@code BilinearUpsampleVertex} existed (their upsampling was nearest ×f plus a frozen depthwise convolution
 *       filled by this initialiser, which darkened the outer {@code floor(f/2)} pixels).</li>
 * </ul>
 *
 * <p>Each vertex is a pair: a configuration class (a {@link org.deeplearning4j.nn.conf.graph.GraphVertex}, stored in
 * saved models as {@code @class} plus its fields) and a runtime class named {@code ...Impl}. The configuration class
 * names and field names are therefore a file format: renaming or moving them breaks saved models. Each configuration
 * class also implements {@link org.hirmtl.api.OnnxExportable}, the ONNX form of its forward pass (a method, no
 * serialized field).
 *
 * <p>None of these use DL4J's SameDiff bridges (their gradients are wrong in 1.0.0-M2.1), and none call ND4J's native
 * {@code softmax} on NCHW arrays (wrong along dimension 1 with oneDNN). Every vertex passes {@code GradientCheckUtil}
 * in double precision; see the tests of this package. Only NCHW activations are supported.
 *
 * <p>Writing vertices: allocate outputs with {@code workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, ...)} and
 * input gradients with {@code ArrayType.ACTIVATION_GRAD}; recompute temporaries in backward. ND4J's pairwise ops
 * broadcast numpy-style ({@code [N,1,H,W]} against {@code [N,C,H,W]}, also from a {@code [N,1,H,W]} view) at full
 * speed, but are 10-25x slower when they write to or read from a channel-range view of a wider array
 * ({@code x.get(all(), interval(0, C), all(), all())}); compute into contiguous arrays and {@code assign} into such
 * views instead (measured: gated exchange forward 16 ms to 0.9 ms at N=8, C=32, 32x40).
 */
package org.hirmtl.model.vertices;
