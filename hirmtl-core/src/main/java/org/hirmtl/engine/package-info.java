/**
 * How the toolkit configures the ND4J/DL4J engine: oneDNN helpers (DL4J's, switched back on, and the toolkit's own
 * batch-norm and convolution helpers on oneDNN's primitives), workspaces, threads, backend information.
 */
package org.hirmtl.engine;
