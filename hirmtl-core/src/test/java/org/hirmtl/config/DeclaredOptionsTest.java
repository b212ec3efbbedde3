package org.hirmtl.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hirmtl.api.Kind;
import org.hirmtl.api.config.ConfigValueException;
import org.hirmtl.api.config.OptionSpec;
import org.hirmtl.builtin.BuiltinComponents;
import org.hirmtl.registry.Components;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * Options a component declares with ranges, and its {@code checkOptions} rules, are checked when a config loads —
 * what {@code config validate} runs — for every kind that a config names, with the option's full path, file and line.
 */
class DeclaredOptionsTest {
    @TempDir
    Path dir;

    /** A plugin component of {@code kind}: the built-in {@code builtin}, plus a bounded option and a rule. */
    private static Object plugin(Kind kind, Object builtin) {
        return Proxy.newProxyInstance(DeclaredOptionsTest.class.getClassLoader(), new Class<?>[] {kind.type()},
                (proxy, method, args) -> switch (method.getName()) {
                    case "name" -> "p-" + kind.name().toLowerCase();
                    case "options" -> List.of(OptionSpec.number("rate", 0.5, "a rate").greaterThan(0).lessThan(1),
                            OptionSpec.integer("steps", 3, "steps").atLeast(1));
                    case "checkOptions" -> {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> o = (Map<String, Object>) args[0];
                        if ((Double) o.get("rate") * (Integer) o.get("steps") > 2) {
                            throw new ConfigValueException("steps", "rate x steps must be <= 2, got "
                                    + o.get("rate") + " x " + o.get("steps"));
                        }
                        yield null;
                    }
                    default -> {
                        try {
                            yield method.invoke(builtin, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    }
                });
    }

    private static String builtinName(Kind kind) {
        return switch (kind) {
            case BACKBONE -> "resnet18";
            case SCALE_STAGE -> "stf";
            case FUSION -> "taf";
            case EXCHANGE -> "aicm";
            case HEAD -> "conv";
            case TASK -> "depth";
            case WEIGHTING -> "fixed";
            case DATASET -> "synthetic";
        };
    }

    /** The YAML that selects the plugin of {@code kind} with {@code options}; the options on line 3. */
    private static String[] yaml(Kind kind, String options) {
        String name = "p-" + kind.name().toLowerCase();
        return switch (kind) {
            case TASK -> new String[] {"tasks:", "  " + name + ":", "    options: " + options, "    weight: 1"};
            case WEIGHTING -> new String[] {"train:", "  weighting:", "    options: " + options, "    type: " + name};
            default -> {
                String key = kind == Kind.SCALE_STAGE ? "stf" : kind.configKey().split("\\.")[1];
                yield new String[] {"model:", "  " + key + ":", "    options: " + options, "    type: " + name};
            }
        };
    }

    private static String path(Kind kind) {
        return kind == Kind.TASK ? "tasks.p-task" : kind.configKey().replace(".type", "");
    }

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"BACKBONE", "SCALE_STAGE", "FUSION", "EXCHANGE", "HEAD", "TASK",
            "WEIGHTING"})
    void rangesAndRulesAreCheckedForEveryKind(Kind kind) throws Exception {
        Components c = BuiltinComponents.registries();
        c.registrar("p").register(kind, "p-" + kind.name().toLowerCase(),
                plugin(kind, c.registry(kind).get(builtinName(kind))));
        ConfigLoader loader = new ConfigLoader(c);

        Path bad = Files.write(dir.resolve("bad.yaml"), List.of(yaml(kind, "{rate: 1.5}")));
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(bad, List.of()));
        assertEquals(path(kind) + ".options.rate", e.yamlPath(), e.getMessage());
        assertTrue(e.detail().startsWith("must be in (0, 1), got 1.5"), e.detail());
        assertEquals(bad, e.file());
        assertEquals(3, e.line(), e.getMessage());

        Path low = Files.write(dir.resolve("low.yaml"), List.of(yaml(kind, "{steps: 0}")));
        ConfigException e2 = assertThrows(ConfigException.class, () -> loader.load(low, List.of()));
        assertTrue(e2.detail().startsWith("must be >= 1, got 0"), e2.getMessage());

        Path rule = Files.write(dir.resolve("rule.yaml"), List.of(yaml(kind, "{rate: 0.9, steps: 3}")));
        ConfigException e3 = assertThrows(ConfigException.class, () -> loader.load(rule, List.of()));
        assertEquals(path(kind) + ".options.steps", e3.yamlPath(), e3.getMessage());
        assertTrue(e3.detail().startsWith("rate x steps must be <= 2, got 0.9 x 3"), e3.detail());
        assertEquals(3, e3.line(), e3.getMessage());

        Path ok = Files.write(dir.resolve("ok.yaml"), List.of(yaml(kind, "{rate: 0.25}")));
        loader.load(ok, List.of()); // accepted, the default of steps filled in
    }

    @Test
    void boundsAreDeclaredConsistentlyAndDescribed() {
        OptionSpec s = OptionSpec.number("momentum", 0.9, "").atLeast(0).lessThan(1);
        assertTrue(s.describe().contains("in [0, 1)"), s.describe());
        assertThrows(IllegalArgumentException.class, () -> OptionSpec.number("x", 2, "").atMost(1));
        assertThrows(IllegalArgumentException.class, () -> OptionSpec.text("t", "a", "").atLeast(0));
        assertThrows(IllegalArgumentException.class, () -> OptionSpec.number("x", 0.5, "").greaterThan(1)
                .lessThan(1));
        ConfigValueException list = assertThrows(ConfigValueException.class, () -> OptionSpec.resolve(List.of(
                OptionSpec.list("widths", OptionSpec.Type.INTEGER_LIST, List.of(1), "").atLeast(1)),
                Map.of("widths", List.of(4, 0))));
        assertEquals("widths[1]", list.yamlPath());
        assertEquals("must be >= 1, got 0", list.detail());
    }
}
