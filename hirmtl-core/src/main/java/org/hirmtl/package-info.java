/** HirMTL: hierarchical multi-task networks for dense scene understanding, on DL4J. */
package org.hirmtl;
