/** Cross-task exchange of fused features: AICM and the identity ablation. */
package org.hirmtl.model.exchange;
