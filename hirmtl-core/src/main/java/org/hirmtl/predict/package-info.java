/**
 * Inference on image files of any size: {@link org.hirmtl.predict.Inputs} expands files, folders and globs,
 * {@link org.hirmtl.predict.Predictor} runs the model and maps predictions back to each image's size,
 * {@link org.hirmtl.predict.PredictionWriter} writes pictures, raw arrays and panels, and
 * {@link org.hirmtl.predict.PredictJob} ties them together for {@code hirmtl predict}.
 */
package org.hirmtl.predict;
