/**
 * Name → component registries, one per extension kind: the lookup that the config loader, evaluation, checkpoints and
 * plugins read. Built-in components ({@code org.hirmtl.builtin}) and plugins register through the same path; this
 * package knows none of them.
 */
package org.hirmtl.registry;
