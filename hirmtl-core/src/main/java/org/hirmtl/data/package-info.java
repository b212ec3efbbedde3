/**
 * The data layer: datasets behind one interface yielding images and targets keyed by task name, the field's on-disk
 * layouts and label conventions, checking, augmentation, and background loading with prefetch.
 */
package org.hirmtl.data;
