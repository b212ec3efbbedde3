/** Training: the epoch loop, loss weights, validation, checkpoints, run logs and curves, exact resume. */
package org.hirmtl.train;
