/**
 * Base classes for custom DL4J vertices without parameters ({@link org.hirmtl.api.vertex.ParameterFreeVertex} and
 * its runtime {@link org.hirmtl.api.vertex.ParameterFreeVertexImpl}), so a plugin's vertex holds only its forward
 * and backward passes and its settings.
 */
package org.hirmtl.api.vertex;
