/** The {@code depth} task. */
package org.hirmtl.task.depth;
