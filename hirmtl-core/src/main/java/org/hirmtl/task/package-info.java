/** The dense tasks: their outputs, losses, label encoding, decoding, metrics and trivial baselines. */
package org.hirmtl.task;
