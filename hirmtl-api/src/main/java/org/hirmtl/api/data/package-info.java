/**
 * Dense data as components see it: {@link org.hirmtl.api.data.DenseMap} (a C×H×W float map),
 * {@link org.hirmtl.api.data.TargetKind} (what a task's targets are), {@link org.hirmtl.api.data.Sample} and
 * {@link org.hirmtl.api.data.Dataset} (what a {@link org.hirmtl.api.DatasetFactory} opens).
 */
package org.hirmtl.api.data;
