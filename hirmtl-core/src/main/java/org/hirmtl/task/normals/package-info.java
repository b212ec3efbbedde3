/** The {@code normals} task. */
package org.hirmtl.task.normals;
