/** The {@code semseg} task. */
package org.hirmtl.task.semseg;
