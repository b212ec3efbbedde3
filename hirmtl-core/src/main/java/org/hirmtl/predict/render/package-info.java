/**
 * Pictures of predictions for people: class palettes, colour maps, per-task pictures with legends, and the
 * side-by-side panel {@code hirmtl predict} writes per image.
 */
package org.hirmtl.predict.render;

import org.hirmtl.api.render.Pictures;
