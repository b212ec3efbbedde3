/**
 * Building model graphs: {@link org.hirmtl.api.graph.ModelGraph} (the graph under construction),
 * {@link org.hirmtl.api.graph.Handle} (one vertex's output: name, channels, stride) and
 * {@link org.hirmtl.api.graph.FeatureSpec} (what a backbone promises per scale).
 */
package org.hirmtl.api.graph;
