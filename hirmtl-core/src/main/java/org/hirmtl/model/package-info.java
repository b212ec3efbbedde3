/** Assembly of the HirMTL network from registered components, and the built model with its task order. */
package org.hirmtl.model;
