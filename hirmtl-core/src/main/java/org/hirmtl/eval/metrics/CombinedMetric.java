package org.hirmtl.eval.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hirmtl.api.data.DenseMap;
import org.hirmtl.api.eval.DenseMetric;
import org.hirmtl.api.eval.MetricInfo;

/**
 * Several metrics of one task side by side (e.g. the toolkit's saliency maxF and MTI-Net's): every image goes to each
 * part, the results and infos are the parts' in order. The parts' names must differ.
 */
public final class CombinedMetric implements DenseMetric {
    private final List<DenseMetric> parts;

    /** @param parts the metrics, in report order (at least one; their result names must not clash) */
    public CombinedMetric(DenseMetric... parts) {
        if (parts.length == 0) {
            throw new IllegalArgumentException("a combined metric needs at least one part");
        }
        this.parts = List.of(parts);
        List<String> names = new ArrayList<>();
        for (DenseMetric p : parts) {
            for (MetricInfo i : p.infos()) {
                if (names.contains(i.name())) {
                    throw new IllegalArgumentException("two parts report '" + i.name() + "'");
                }
                names.add(i.name());
            }
        }
    }

    @Override
    public void update(DenseMap prediction, DenseMap target) {
        // the first part validates the inputs before any part counts them, so a bad image leaves all unchanged
        DenseMetric probe = parts.get(0).fresh();
        probe.update(prediction, target);
        for (int i = 1; i < parts.size(); i++) {
            parts.get(i).update(prediction, target);
        }
        parts.get(0).merge(probe);
    }

    @Override
    public Map<String, Double> results() {
        Map<String, Double> r = new LinkedHashMap<>();
        parts.forEach(p -> r.putAll(p.results()));
        return r;
    }

    @Override
    public Map<String, double[]> perClass() {
        Map<String, double[]> r = new LinkedHashMap<>();
        parts.forEach(p -> r.putAll(p.perClass()));
        return r;
    }

    @Override
    public void merge(DenseMetric other) {
        CombinedMetric o = MetricInputs.mergeable(CombinedMetric.class, other);
        if (o.parts.size() != parts.size()) {
            throw new IllegalArgumentException("cannot merge combined metrics of different parts");
        }
        for (int i = 0; i < parts.size(); i++) {
            parts.get(i).merge(o.parts.get(i));
        }
    }

    @Override
    public CombinedMetric fresh() {
        return new CombinedMetric(parts.stream().map(DenseMetric::fresh).toArray(DenseMetric[]::new));
    }

    @Override
    public List<MetricInfo> infos() {
        List<MetricInfo> r = new ArrayList<>();
        parts.forEach(p -> r.addAll(p.infos()));
        return List.copyOf(r);
    }
}
