package org.hirmtl.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses {@code HxW} (e.g. {@code 128x160}) into {@code {height, width}}. */
final class SizeConverter implements ITypeConverter<SizeConverter.Size> {
    @Override
    public Size convert(String value) {
        String[] parts = value.toLowerCase(java.util.Locale.ROOT).split("x");
        try {
            if (parts.length == 2) {
                int h = Integer.parseInt(parts[0].strip());
                int w = Integer.parseInt(parts[1].strip());
                if (h > 0 && w > 0) {
                    return new Size(h, w);
                }
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new TypeConversionException("'" + value + "' is not a size HxW with positive integers, e.g. 128x160");
    }

    /** A parsed {@code HxW}. @param height rows @param width columns */
    record Size(int height, int width) {
        @Override
        public String toString() {
            return height + "x" + width;
        }
    }
}
