package org.hirmtl.config;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The component names a config may use, per kind. The loader checks every name against it so that a typo fails
 * with the file, the line and the known names; plugins add names (e.g. by backing a catalogue with the registries).
 */
public interface ComponentCatalog {
    /** Kind of {@code model.backbone.type}. */
    String BACKBONE = "backbone";
    /** Kind of {@code model.fusion.type}. */
    String FUSION = "fusion";
    /** Kind of {@code model.exchange.type}. */
    String EXCHANGE = "exchange";
    /** Kind of {@code model.head.type}. */
    String HEAD = "head";
    /** Kind of the keys of {@code tasks}. */
    String TASK = "task";
    /** Kind of {@code data.type}. */
    String DATASET = "dataset";
    /** Kind of {@code train.weighting.type}. */
    String WEIGHTING = "weighting";

    /** Every kind the loader checks, in the order of the config. */
    List<String> KINDS = List.of(BACKBONE, FUSION, EXCHANGE, HEAD, TASK, DATASET, WEIGHTING);

    /** The known names of {@code kind}, in a stable order for messages; empty for a kind it does not know. */
    Set<String> names(String kind);

    /** The toolkit's own components. */
    static ComponentCatalog builtins() {
        Map<String, Collection<String>> names = new LinkedHashMap<>();
        names.put(BACKBONE, List.of("resnet18", "resnet34", "hrnet"));
        names.put(FUSION, List.of("taf", "mean"));
        names.put(EXCHANGE, List.of("aicm", "none"));
        names.put(HEAD, List.of("conv"));
        names.put(TASK, List.of("semseg", "depth", "normals", "edge", "saliency", "parts"));
        names.put(DATASET, List.of("synthetic", "nyud_mt", "nyudv2"));
        names.put(WEIGHTING, List.of("fixed", "uncertainty", "dwa"));
        return of(names);
    }

    /** A fixed catalogue: kind → names (order kept). */
    static ComponentCatalog of(Map<String, ? extends Collection<String>> namesByKind) {
        Map<String, Set<String>> copy = new LinkedHashMap<>();
        namesByKind.forEach((kind, names) -> copy.put(kind, Collections.unmodifiableSet(new LinkedHashSet<>(names))));
        return kind -> copy.getOrDefault(kind, Set.of());
    }

    /** This catalogue's names followed by {@code other}'s, per kind. */
    default ComponentCatalog with(ComponentCatalog other) {
        return kind -> {
            Set<String> names = new LinkedHashSet<>(names(kind));
            names.addAll(other.names(kind));
            return Collections.unmodifiableSet(names);
        };
    }
}
