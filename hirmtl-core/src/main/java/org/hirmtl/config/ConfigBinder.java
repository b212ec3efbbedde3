package org.hirmtl.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.hirmtl.api.config.ConfigValueException;

/**
 * Turns a merged tree into an {@link ExperimentConfig} and any Jackson or record-constructor failure into a
 * {@link ConfigException} with the YAML path and the place the value was written.
 */
final class ConfigBinder {
    private static final PropertyNamingStrategies.NamingBase SNAKE =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

    private ConfigBinder() {
    }

    static ExperimentConfig bind(Map<String, Object> tree, Locations locations) {
        requireValues(tree, "", locations);
        try {
            return ConfigMapper.MAPPER.treeToValue(ConfigMapper.MAPPER.valueToTree(tree), ExperimentConfig.class);
        } catch (JsonMappingException e) {
            throw translate(e, tree, locations);
        } catch (JsonProcessingException e) {
            throw new ConfigException("", e.getOriginalMessage());
        }
    }

    /** Rejects empty values ({@code key:} with nothing), except inside free-form {@code options}. */
    private static void requireValues(Object value, String path, Locations locations) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                if (!k.equals("options")) {
                    requireValues(v, Locations.child(path, (String) k), locations);
                }
            });
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                requireValues(list.get(i), Locations.index(path, i), locations);
            }
        } else if (value == null) {
            throw new ConfigException(path, "expected a value, got nothing", locations.find(path));
        }
    }

    private static ConfigException translate(JsonMappingException e, Map<String, Object> tree, Locations locations) {
        List<Object> segments = new ArrayList<>();
        for (JsonMappingException.Reference r : e.getPath()) {
            segments.add(r.getFieldName() != null ? r.getFieldName() : (Object) r.getIndex());
        }
        String path = Locations.join(segments);
        String detail;
        ConfigValueException bad = causeOf(e, ConfigValueException.class);
        if (bad != null) {
            String field = bad.yamlPath();
            path = field.isEmpty() ? path : field.startsWith("[") || path.isEmpty() ? path + field : path + "." + field;
            detail = bad.detail();
        } else if (e instanceof UnrecognizedPropertyException u) {
            detail = "unknown key (known: " + knownKeys(u) + ")";
        } else if (causeOf(e, InputCoercionException.class) != null) {
            detail = "out of range, got " + show(valueAt(tree, segments));
        } else if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            detail = expected(m.getTargetType(), valueAt(tree, segments));
        } else {
            detail = e.getOriginalMessage();
        }
        return new ConfigException(path, detail, locations.find(path));
    }

    private static String expected(Class<?> type, Object got) {
        String text = "expected " + describe(type) + ", got " + show(got);
        if (type == String.class && (got instanceof Number || got instanceof Boolean)) {
            text += " (put it in quotes to make it text)";
        }
        return text;
    }

    private static String describe(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class
                || type == short.class || type == BigInteger.class) {
            return "an integer";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        return Map.class.isAssignableFrom(type) || type.isRecord() ? "a section of keys" : type.getSimpleName();
    }

    /** A tree value as a user would recognise it in a message. */
    static String show(Object value) {
        if (value instanceof String s) {
            return "'" + s + "'";
        }
        if (value instanceof Map<?, ?>) {
            return "a section of keys";
        }
        return value == null ? "nothing" : value instanceof List<?> l ? "the list " + l : value.toString();
    }

    private static String knownKeys(UnrecognizedPropertyException u) {
        Class<?> type = u.getReferringClass();
        if (type != null && type.isRecord()) {
            return Arrays.stream(type.getRecordComponents())
                    .map(c -> SNAKE.translate(c.getName()))
                    .collect(Collectors.joining(", "));
        }
        return u.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
    }

    private static Object valueAt(Object tree, List<Object> segments) {
        Object node = tree;
        for (Object s : segments) {
            if (s instanceof Integer i && node instanceof List<?> list && i < list.size()) {
                node = list.get(i);
            } else if (s instanceof String k && node instanceof Map<?, ?> map) {
                node = map.get(k);
            } else {
                return null;
            }
        }
        return node;
    }

    private static <T extends Throwable> T causeOf(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
