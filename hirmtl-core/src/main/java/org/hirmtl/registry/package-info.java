/**
 * Name → component registries, one per extension kind. Built-in components and plugins register through the same
 * path ({@link org.hirmtl.registry.Components#builtins()} then the plugin loader).
 */
package org.hirmtl.registry;
