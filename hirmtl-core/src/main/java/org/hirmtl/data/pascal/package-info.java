/**
 * The PASCAL_MT layout (PASCAL-Context with PASCAL-Part human parts and the anchors' distilled saliency and normals):
 * the dataset reader, the {@code .mat} targets ({@link org.hirmtl.data.pascal.PascalMat}) and boundaries from label
 * maps ({@link org.hirmtl.data.pascal.ContextEdges}).
 */
package org.hirmtl.data.pascal;
