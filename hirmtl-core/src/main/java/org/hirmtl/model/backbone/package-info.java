/**
 * The built-in backbones: {@link org.hirmtl.model.backbone.ResNetBackbone} (ResNet-18/34 with basic blocks) and
 * {@link org.hirmtl.model.backbone.HrNetBackbone} (HRNet-style parallel branches with repeated exchange). Both turn
 * the normalised image into four feature maps at strides 4, 8, 16 and 32, declare their channels and strides before
 * building, and read {@code model.backbone.widths} and {@code model.backbone.options}, rejecting unknown options.
 */
package org.hirmtl.model.backbone;
