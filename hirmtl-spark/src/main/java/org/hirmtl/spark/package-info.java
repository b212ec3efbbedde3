/** HirMTL training on a Spark cluster: a step runner for the trainer, and the spark-submit entry point. */
package org.hirmtl.spark;
