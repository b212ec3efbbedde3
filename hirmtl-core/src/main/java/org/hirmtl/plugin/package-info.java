/**
 * The plugin host: finds PF4J plugin JARs and folders, checks them one by one, and registers their
 * {@link org.hirmtl.api.ComponentProvider}s into the registries the built-ins use. See docs/plugins.md.
 */
package org.hirmtl.plugin;
