/** The scale level: shared projections and per-task fine-tuning (STF) of the backbone's features. */
package org.hirmtl.model.stf;
