package org.hirmtl.registry;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.hirmtl.data.Dataset;
import org.hirmtl.spi.ComponentProvider;
import org.hirmtl.spi.DatasetFactory;

/**
 * The registries of every extension kind. {@link #withBuiltins()} registers the toolkit's own components through
 * {@link BuiltinComponents}, the same {@link ComponentProvider} path that plugins use.
 */
public final class Components {
    private final Registry<DatasetFactory> datasets = new Registry<>("dataset");

    /** The dataset layouts, by {@code data.type} name. */
    public Registry<DatasetFactory> datasets() {
        return datasets;
    }

    /** Registers everything {@code provider} contributes, under its id. */
    public void install(ComponentProvider provider) {
        provider.contribute(this);
    }

    /** A fresh set of registries holding the built-in components. */
    public static Components withBuiltins() {
        Components c = new Components();
        c.install(new BuiltinComponents());
        return c;
    }

    /**
     * Opens the dataset in {@code root} as {@code type}, or, for type {@code auto}, as the first registered layout
     * that recognises the folder.
     *
     * @throws RegistryException for an unknown type or a folder no layout recognises
     */
    public Dataset openDataset(String type, Path root) throws IOException {
        if (!"auto".equals(type)) {
            return datasets.get(type).open(root);
        }
        List<Registry.Entry<DatasetFactory>> all = datasets.entries();
        for (Registry.Entry<DatasetFactory> e : all) {
            if (e.component().recognises(root)) {
                return e.component().open(root);
            }
        }
        throw new RegistryException(root + " is not a dataset of a known layout (known: "
                + String.join(", ", datasets.names()) + "); give the type with --type");
    }
}
