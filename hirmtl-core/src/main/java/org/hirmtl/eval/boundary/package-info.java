/**
 * Boundary (edge) detection evaluation by the BSDS500 / SEISM protocol, native in Java: per image, the predicted
 * edge probability map is thresholded at {@code n} levels, each binary map is thinned as MATLAB's
 * {@code bwmorph(B, 'thin', Inf)} does ({@link org.hirmtl.eval.boundary.Thinning}), its pixels are matched one to
 * one to ground-truth boundary pixels within {@code maxDist × image diagonal}
 * ({@link org.hirmtl.eval.boundary.BoundaryMatcher}), and the counts are collected into ODS, OIS and AP as
 * {@code collect_eval_bdry.m} does ({@link org.hirmtl.eval.boundary.BoundaryStats}).
 *
 * <p>{@link org.hirmtl.eval.boundary.BoundaryEvaluator} is the entry point; it evaluates images on a thread pool
 * and gives the same numbers for any thread count.
 */
package org.hirmtl.eval.boundary;
