/** Evaluation of models over dataset splits: per-task metrics, validation loss, trivial baselines. */
package org.hirmtl.eval;
