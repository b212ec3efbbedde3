package org.hirmtl.cli;

import org.hirmtl.api.config.ConfigValueException;
import org.hirmtl.config.ConfigException;
import org.hirmtl.config.ImageSize;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses {@code HxW} (e.g. {@code 128x160}) options with the config's own {@link ImageSize#parse}. */
final class SizeConverter implements ITypeConverter<ImageSize> {
    @Override
    public ImageSize convert(String value) {
        try {
            return ImageSize.parse(value.strip());
        } catch (ConfigException | ConfigValueException e) {
            throw new TypeConversionException("'" + value + "' is not a size HxW with positive integers, e.g. 128x160");
        }
    }
}
