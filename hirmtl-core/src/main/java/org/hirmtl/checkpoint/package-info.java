/** Checkpoint bundles: model, optimiser state, resolved config, task order, run state and provenance, verified. */
package org.hirmtl.checkpoint;
