package org.hirmtl;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The toolkit's version and the git commit it was built from (recorded in every checkpoint). */
public final class Version {
    private static final Properties PROPS = load();

    private Version() {
    }

    /** The toolkit version, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static String version() {
        return value("version");
    }

    /**
     * The version plugins are checked against (PF4J {@code Plugin-Requires}): {@link #version()} without a pre-release
     * suffix, e.g. {@code 0.1.0} for {@code 0.1.0-SNAPSHOT} (a semantic-version pre-release would fail {@code >=0.1.0}).
     */
    public static String apiVersion() {
        String v = version();
        int dash = v.indexOf('-');
        return v.equals("unknown") ? "0.0.0" : dash < 0 ? v : v.substring(0, dash);
    }

    /** The full git commit id of the build, or {@code unknown} when built outside a git checkout. */
    public static String commit() {
        return value("commit");
    }

    /** Whether the build had uncommitted changes ({@code unknown} outside git). */
    public static String dirty() {
        return value("dirty");
    }

    private static String value(String key) {
        String v = PROPS.getProperty(key, "unknown");
        return v.isBlank() || v.startsWith("${") ? "unknown" : v;
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // an unreadable resource leaves every value "unknown"
        }
        return p;
    }
}
