/**
 * File formats of the datasets: NumPy {@code .npy} arrays and JPEG/PNG images, decoded to
 * {@link org.hirmtl.api.data.DenseMap}s on the Java heap.
 */
package org.hirmtl.data.io;
