package org.hirmtl.train;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's {@code examples/} folder, found from the test's working directory upwards. */
final class Examples {
    private Examples() {
    }

    static Path folder() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("examples/nyud.yaml"))) {
                return p.resolve("examples");
            }
        }
        throw new IllegalStateException("examples/ not found above " + Path.of("").toAbsolutePath());
    }
}
