package org.hirmtl.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hirmtl.api.config.Checks;
import org.hirmtl.api.config.ConfigValueException;

/**
 * An image size, written in YAML as {@code HxW}, e.g. {@code 128x160} (height 128, width 160).
 *
 * @param height rows (> 0)
 * @param width columns (> 0)
 */
public record ImageSize(int height, int width) {
    private static final Pattern FORMAT = Pattern.compile("\\s*(\\d{1,9})\\s*[xX]\\s*(\\d{1,9})\\s*");

    /** Requires both sides positive. */
    public ImageSize {
        Checks.atLeast("height", height, 1);
        Checks.atLeast("width", width, 1);
    }

    /**
     * Parses {@code HxW}.
     *
     * @throws ConfigValueException (with an empty field: the value itself) if the text is not {@code HxW} with
     *     positive sides
     */
    public static ImageSize parse(String text) {
        Matcher m = FORMAT.matcher(text);
        if (!m.matches()) {
            throw new ConfigValueException("", "expected a size HxW like 128x160, got '" + text + "'");
        }
        int h = Integer.parseInt(m.group(1));
        int w = Integer.parseInt(m.group(2));
        if (h <= 0 || w <= 0) {
            throw new ConfigValueException("", "height and width must be > 0, got '" + text + "'");
        }
        return new ImageSize(h, w);
    }

    /** {@code HxW}, e.g. {@code 128x160}. */
    @Override
    public String toString() {
        return height + "x" + width;
    }
}
