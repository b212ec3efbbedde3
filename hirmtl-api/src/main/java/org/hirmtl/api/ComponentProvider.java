package org.hirmtl.api;

import org.pf4j.ExtensionPoint;

/**
 * Contributes components (tasks, backbones, fusions, exchanges, heads, weightings, datasets) to the registries.
 * The toolkit's built-ins are one provider; every plugin is another: a PF4J extension of this extension point, found
 * through the plugin JAR's extension index ({@code @Extension} generates it). {@link #id()} must equal the plugin's
 * {@code Plugin-Id}; the toolkit hands {@link #contribute} a {@link Registrar} bound to that id, which is how
 * checkpoints know which plugins a run used. See docs/plugins.md.
 *
 * <pre>{@code
 * @Extension
 * public final class MyProvider implements ComponentProvider {
 *     public String id() { return "my-plugin"; }
 *     public void contribute(Registrar r) {
 *         r.dataset("my_layout", new MyDatasetFactory());
 *     }
 * }
 * }</pre>
 */
public interface ComponentProvider extends ExtensionPoint {
    /**
     * The provider's id, shown as the source of its components (a plugin's id).
     *
     * @return the id; for a plugin, equal to its {@code Plugin-Id}
     */
    String id();

    /**
     * Registers this provider's components.
     *
     * @param registrar where to register them, bound to this provider's {@link #id()}
     */
    void contribute(Registrar registrar);
}
