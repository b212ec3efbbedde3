/**
 * File formats of the datasets: NumPy {@code .npy} arrays and JPEG/PNG images, decoded to
 * {@link org.hirmtl.api.data.DenseMap}s on the Java heap, and {@link org.hirmtl.data.io.DataFormatException} for a
 * file that cannot be decoded. Depends on nothing else of {@code org.hirmtl.data}, which reads through it.
 */
package org.hirmtl.data.io;
