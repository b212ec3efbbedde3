/** The {@code edge} task. */
package org.hirmtl.task.edge;
