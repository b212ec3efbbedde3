/**
 * Pictures of predictions: {@link org.hirmtl.api.render.Picture} (an image with its legend or colour bar), colour
 * maps and palettes, and {@link org.hirmtl.api.render.Pictures}, the standard renderings per target kind.
 */
package org.hirmtl.api.render;
