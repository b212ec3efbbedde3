/** How the toolkit configures the ND4J/DL4J engine: oneDNN helpers, threads, backend information. */
package org.hirmtl.engine;
