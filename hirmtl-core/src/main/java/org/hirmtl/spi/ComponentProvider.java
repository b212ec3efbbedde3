package org.hirmtl.spi;

import org.hirmtl.registry.Components;

/**
 * Contributes components (tasks, backbones, fusions, exchanges, heads, weightings, datasets) to the registries.
 * The toolkit's built-ins are one provider; every plugin is another.
 *
 * <pre>{@code
 * public final class MyProvider implements ComponentProvider {
 *     public String id() { return "my-plugin"; }
 *     public void contribute(Components c) {
 *         c.datasets().register("my_layout", new MyDatasetFactory(), id());
 *     }
 * }
 * }</pre>
 */
public interface ComponentProvider {
    /** The provider's id, shown as the source of its components (a plugin's id). */
    String id();

    /** Registers this provider's components. */
    void contribute(Components components);
}
