/**
 * The built-in synthetic dataset: physically consistent indoor scenes whose task labels agree with each other.
 *
 * <p>{@link org.hirmtl.data.synth.SceneGenerator} ray-casts a random room (floor, walls, ceiling) with boxes,
 * spheres and vertical cylinders of {@code K} classes, seen by a pinhole camera, into RGB, depth, surface normals,
 * semantic classes, instances, edges, saliency and a Kinect-like depth hole mask.
 * {@link org.hirmtl.data.synth.SynthWriter} writes a whole dataset in the NYUD_MT layout (plus {@code saliency/}),
 * in parallel, deterministically per seed, with a {@code synth.json} manifest written last.
 *
 * <p>Everything here is plain Java (no ND4J), so it runs in background threads.
 */
package org.hirmtl.data.synth;
