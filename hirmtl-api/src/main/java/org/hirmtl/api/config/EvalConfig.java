package org.hirmtl.api.config;

import java.util.List;

/**
 * Evaluation protocol.
 *
 * @param normalsProtocol {@code float} (predictions scored as floats), {@code png8} (quantised to an 8-bit PNG first,
 *     rounding) or {@code png8_trunc} (quantised as MTI-Net saves normals: {@code astype(np.uint8)} truncates)
 * @param edgeMaxDist edge matching tolerance as a fraction of the image diagonal (0.011 NYUD, 0.0075 PASCAL)
 * @param everyEpoch evaluate on the validation split after every epoch (else only at the end)
 * @param saliencyProtocol {@code hirmtl} (the toolkit's pooled maxF and mIoU) or {@code mtinet} (also MTI-Net's
 *     {@code eval_sal} columns, reported as {@code maxf[mtinet]} and {@code miou[mtinet]})
 * @param edgeProtocol {@code bsds} (the BSDS benchmark's core on the probabilities) or {@code seism} (also the
 *     pipeline behind the published numbers: 8-bit PNG, non-maximum suppression, SEISM's counting; reported as
 *     {@code odsf[seism]}, {@code oisf[seism]}, {@code ap[seism]})
 */
public record EvalConfig(String normalsProtocol, double edgeMaxDist, boolean everyEpoch, String saliencyProtocol,
                         String edgeProtocol) {

    /** The known normals protocols. */
    public static final List<String> NORMALS_PROTOCOLS = List.of("float", "png8", "png8_trunc");
    /** The known saliency protocols. */
    public static final List<String> SALIENCY_PROTOCOLS = List.of("hirmtl", "mtinet");
    /** The known edge protocols. */
    public static final List<String> EDGE_PROTOCOLS = List.of("bsds", "seism");

    /**
     * Requires known protocols and a tolerance in (0, 1).
     *
     * @param normalsProtocol one of {@link #NORMALS_PROTOCOLS}: {@code float}, {@code png8} or {@code png8_trunc}
     * @param edgeMaxDist edge matching tolerance as a fraction of the image diagonal, in (0, 1)
     * @param everyEpoch evaluate on the validation split after every epoch (else only at the end)
     * @param saliencyProtocol one of {@link #SALIENCY_PROTOCOLS}: {@code hirmtl} or {@code mtinet}
     * @param edgeProtocol one of {@link #EDGE_PROTOCOLS}: {@code bsds} or {@code seism}; null (a config written before
     *     the key existed) is {@code bsds}
     */
    public EvalConfig {
        Checks.oneOf("normals_protocol", normalsProtocol, NORMALS_PROTOCOLS);
        Checks.oneOf("saliency_protocol", saliencyProtocol, SALIENCY_PROTOCOLS);
        edgeProtocol = edgeProtocol == null ? "bsds" : edgeProtocol;
        Checks.oneOf("edge_protocol", edgeProtocol, EDGE_PROTOCOLS);
        if (!(edgeMaxDist > 0 && edgeMaxDist < 1)) {
            throw new ConfigValueException("edge_max_dist", "must be in (0, 1), got " + Checks.show(edgeMaxDist));
        }
    }

    /**
     * The toolkit's saliency protocol ({@code hirmtl}) with the given normals protocol and tolerance.
     *
     * @param normalsProtocol one of {@link #NORMALS_PROTOCOLS}: {@code float}, {@code png8} or {@code png8_trunc}
     * @param edgeMaxDist edge matching tolerance as a fraction of the image diagonal, in (0, 1)
     * @param everyEpoch evaluate on the validation split after every epoch (else only at the end)
     */
    public EvalConfig(String normalsProtocol, double edgeMaxDist, boolean everyEpoch) {
        this(normalsProtocol, edgeMaxDist, everyEpoch, "hirmtl", "bsds");
    }

    /**
     * The BSDS edge protocol with the given normals and saliency protocols and tolerance.
     *
     * @param normalsProtocol one of {@link #NORMALS_PROTOCOLS}: {@code float}, {@code png8} or {@code png8_trunc}
     * @param edgeMaxDist edge matching tolerance as a fraction of the image diagonal, in (0, 1)
     * @param everyEpoch evaluate on the validation split after every epoch (else only at the end)
     * @param saliencyProtocol one of {@link #SALIENCY_PROTOCOLS}: {@code hirmtl} or {@code mtinet}
     */
    public EvalConfig(String normalsProtocol, double edgeMaxDist, boolean everyEpoch, String saliencyProtocol) {
        this(normalsProtocol, edgeMaxDist, everyEpoch, saliencyProtocol, "bsds");
    }
}
