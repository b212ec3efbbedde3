/** Resizing and training augmentation of samples (images bilinear, targets nearest, normals flipped correctly). */
package org.hirmtl.data.transform;
