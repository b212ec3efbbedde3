/** Loss-weighting strategies: fixed, uncertainty (Kendall) and dynamic weight average (DWA). */
package org.hirmtl.train.weighting;
