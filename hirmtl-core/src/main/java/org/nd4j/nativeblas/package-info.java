/** A compatibility shim for DL4J 1.0.0-M2.1's oneDNN helper lookup; see {@link org.hirmtl.engine.OneDnn}. */
package org.nd4j.nativeblas;
