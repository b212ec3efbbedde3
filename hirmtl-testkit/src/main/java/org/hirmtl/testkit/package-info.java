/**
 * The contract-test kit: checks plugin authors (and the toolkit itself) run on their components — declared shapes,
 * finite outputs, save/load identity, a training step, and double-precision gradient checks of custom vertices and
 * losses. Add {@code org.hirmtl:hirmtl-testkit} with test scope; see docs/plugins.md.
 */
package org.hirmtl.testkit;
