/** Building blocks for assembling DL4J graphs: typed handles, declared feature specs, fragment helpers. */
package org.hirmtl.model.graph;
