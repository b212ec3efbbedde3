/** Per-task prediction heads. */
package org.hirmtl.model.head;
