/**
 * How graphs are optimised: the optimiser and its learning-rate schedule, gradient clipping and weight decay, as they
 * are set on a DL4J graph configuration. Below the model, which asks for them, and the trainer, which runs them.
 */
package org.hirmtl.optim;
