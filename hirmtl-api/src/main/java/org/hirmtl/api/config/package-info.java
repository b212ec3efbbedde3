/**
 * The config records components receive (immutable, validated in their constructors) and
 * {@link org.hirmtl.api.config.Checks}, the validation helpers they use; a bad value is a
 * {@link org.hirmtl.api.config.ConfigValueException}, which the toolkit reports with the file and line.
 */
package org.hirmtl.api.config;
