/** The {@code saliency} task. */
package org.hirmtl.task.saliency;
