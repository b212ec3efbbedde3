/** Fusion of a task's multi-scale features: task-adaptive fusion (TAF) and the mean ablation. */
package org.hirmtl.model.fusion;
