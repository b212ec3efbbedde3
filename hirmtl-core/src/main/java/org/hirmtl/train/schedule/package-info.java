/** Learning-rate schedules with warm-up (poly, cosine, constant), serialisable in DL4J configurations. */
package org.hirmtl.train.schedule;
