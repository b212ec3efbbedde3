/**
 * How the toolkit configures the ND4J/DL4J engine: oneDNN helpers (DL4J's, switched back on, and the toolkit's own
 * batch-norm and convolution helpers on oneDNN's primitives), workspaces and the arena their activation gradients and
 * the helpers' buffers share, the resident-memory limit, threads, backend information.
 */
package org.hirmtl.engine;
