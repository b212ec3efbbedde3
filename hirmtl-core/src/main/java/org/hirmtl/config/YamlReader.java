package org.hirmtl.config;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads YAML into a plain tree (String-keyed {@link LinkedHashMap}s, {@link ArrayList}s, and Integer, Long,
 * BigInteger, Double, Boolean, String or null scalars) and records the line of every key and list element. Uses
 * SnakeYAML's node API so lines survive; merge keys ({@code <<}) work, duplicate keys and custom tags are errors.
 */
final class YamlReader {
    /** A parsed document: its tree and where each path was written. */
    record Doc(Map<String, Object> tree, Locations locations) {
    }

    private static final int MAX_DEPTH = 64;
    private static final Set<Tag> CONSTRUCTED = Set.of(Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL);

    private final IntFunction<Location> at;
    private final Locations locations = new Locations();
    private final NodeConstructor constructor = new NodeConstructor();

    private YamlReader(IntFunction<Location> at) {
        this.at = at;
    }

    /** Reads a config file. */
    static Doc readFile(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return new YamlReader(line -> Location.inFile(file, line)).document(reader);
        } catch (NoSuchFileException e) {
            throw new ConfigException("", "cannot read config: no such file", Location.inFile(file, 0));
        } catch (IOException e) {
            throw new ConfigException("", "cannot read config: " + e, Location.inFile(file, 0));
        }
    }

    /** Reads a config held in memory; {@code origin} names it in messages. */
    static Doc readText(String text, String origin) {
        return new YamlReader(line -> Location.named(origin, line)).document(new StringReader(text));
    }

    /** Parses one value (e.g. of {@code --set}): a scalar, {@code [flow, list]} or {@code {flow: map}}. */
    static Object readValue(String text, Location where) {
        YamlReader reader = new YamlReader(line -> where);
        Node node = reader.compose(new StringReader(text));
        return node == null ? null : reader.convert(node, "", 0);
    }

    private Doc document(Reader reader) {
        Node root = compose(reader);
        if (root == null) {
            return new Doc(new LinkedHashMap<>(), locations);
        }
        if (!(convert(root, "", 0) instanceof Map<?, ?> map)) {
            throw new ConfigException("", "expected keys at the top level", at.apply(line(root)));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> tree = (Map<String, Object>) map;
        return new Doc(tree, locations);
    }

    private Node compose(Reader reader) {
        try {
            return new Yaml(constructor).compose(reader);
        } catch (MarkedYAMLException e) {
            throw syntaxError(e);
        } catch (YAMLException e) {
            throw new ConfigException("", "invalid YAML: " + e.getMessage(), at.apply(0));
        }
    }

    private Object convert(Node node, String path, int depth) {
        if (depth > MAX_DEPTH) {
            String top = path.replaceFirst("[.\\[].*", "");
            throw new ConfigException(top, "nested too deeply (a recursive alias?)", at.apply(line(node)));
        }
        if (node instanceof MappingNode m) {
            return mapping(m, path, depth);
        }
        if (node instanceof SequenceNode s) {
            List<Object> list = new ArrayList<>();
            for (Node item : s.getValue()) {
                String p = Locations.index(path, list.size());
                locations.put(p, at.apply(line(item)));
                list.add(convert(item, p, depth + 1));
            }
            return list;
        }
        return scalar((ScalarNode) node, path);
    }

    private Map<String, Object> mapping(MappingNode node, String path, int depth) {
        checkDuplicates(node, path);
        try {
            constructor.flatten(node);
        } catch (MarkedYAMLException e) {
            throw syntaxError(e);
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (NodeTuple t : node.getValue()) {
            Node keyNode = t.getKeyNode();
            if (!(keyNode instanceof ScalarNode k)) {
                throw new ConfigException(path, "keys must be plain names", at.apply(line(keyNode)));
            }
            String p = Locations.child(path, k.getValue());
            locations.put(p, at.apply(line(keyNode)));
            map.put(k.getValue(), convert(t.getValueNode(), p, depth + 1));
        }
        return map;
    }

    private void checkDuplicates(MappingNode node, String path) {
        Set<String> seen = new HashSet<>();
        for (NodeTuple t : node.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && !seen.add(k.getValue())) {
                throw new ConfigException(Locations.child(path, k.getValue()), "duplicate key", at.apply(line(k)));
            }
        }
    }

    private Object scalar(ScalarNode node, String path) {
        Tag tag = node.getTag();
        if (tag.equals(Tag.STR) || tag.equals(Tag.TIMESTAMP)) {
            return node.getValue();
        }
        if (CONSTRUCTED.contains(tag)) {
            try {
                return constructor.construct(node);
            } catch (YAMLException e) {
                throw new ConfigException(path, "bad value '" + node.getValue() + "'", at.apply(line(node)));
            }
        }
        throw new ConfigException(path, "unsupported YAML tag " + tag, at.apply(line(node)));
    }

    private ConfigException syntaxError(MarkedYAMLException e) {
        int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
        return new ConfigException("", "invalid YAML: " + e.getProblem(), at.apply(line));
    }

    private static int line(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    /** Gives access to SnakeYAML's scalar construction and merge-key flattening. */
    private static final class NodeConstructor extends SafeConstructor {
        NodeConstructor() {
            super(options());
        }

        private static LoaderOptions options() {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            return options;
        }

        Object construct(ScalarNode node) {
            return constructObject(node);
        }

        void flatten(MappingNode node) {
            flattenMapping(node);
        }
    }
}
