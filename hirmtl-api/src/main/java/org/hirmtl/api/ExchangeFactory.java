package org.hirmtl.api;

import java.util.Map;
import org.hirmtl.api.graph.Handle;
import org.hirmtl.api.graph.ModelGraph;

/**
 * Exchanges information between the tasks' fused features. HirMTL's asymmetric information comparison module
 * ({@code aicm}) and the identity ({@code none}) are built in. Named in configs as {@code model.exchange.type}.
 *
 * <pre>{@code
 * public final class SumExchange implements ExchangeFactory {   // every task gets the sum of all tasks' features
 *     public String name() { return "sum"; }
 *     public Map<String, Handle> build(ModelGraph g, Map<String, Handle> perTask, int channels) {
 *         Handle sum = g.add("exchange/sum", perTask.values().toArray(Handle[]::new));
 *         Map<String, Handle> out = new LinkedHashMap<>();
 *         perTask.forEach((t, h) -> out.put(t, g.convBnRelu(t + "/exchange/mix", g.add(t + "/exchange/add", h, sum),
 *                 channels, 1)));
 *         return out;
 *     }
 * }
 * }</pre>
 */
public interface ExchangeFactory extends Component {

    /**
     * Adds the exchange to the graph.
     *
     * @param graph    the graph under construction, to add the exchange's vertices to
     * @param perTask  task → fused features (same shape for every task), in model order
     * @param channels channels {@code C} of every task's features ({@code model.stf.channels})
     * @return task → exchanged features of the same shape
     */
    Map<String, Handle> build(ModelGraph graph, Map<String, Handle> perTask, int channels);

    /**
     * {@link #build(ModelGraph, Map, int)} with the exchange's resolved options ({@code model.exchange.options},
     * checked against {@link #options()}); an exchange that declares options overrides this one. The toolkit calls
     * this.
     *
     * @param graph    the graph under construction, to add the exchange's vertices to
     * @param perTask  task → fused features (same shape for every task), in model order
     * @param channels channels {@code C} of every task's features ({@code model.stf.channels})
     * @param options  the exchange's resolved options, by name
     * @return task → exchanged features of the same shape
     */
    default Map<String, Handle> build(ModelGraph graph, Map<String, Handle> perTask, int channels,
                                      Map<String, Object> options) {
        return build(graph, perTask, channels);
    }
}
