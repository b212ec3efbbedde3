package org.hirmtl.config;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import org.hirmtl.api.config.ConfigValueException;

/**
 * The Jackson mapper between config trees and records: snake_case keys, unknown keys rejected, no nulls for
 * primitives, every creator property required, no coercion between strings, numbers and booleans (and no float
 * truncated to an int); {@link ImageSize} as {@code HxW} text.
 */
final class ConfigMapper {
    static final JsonMapper MAPPER = create();

    private ConfigMapper() {
    }

    private static JsonMapper create() {
        SimpleModule sizes = new SimpleModule("hirmtl-config")
                .addSerializer(ImageSize.class, new SizeSerializer())
                .addDeserializer(ImageSize.class, new SizeDeserializer());
        return JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                        DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                        DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES,
                        DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .withCoercionConfig(LogicalType.Textual, c -> c
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .addModule(sizes)
                .build();
    }

    private static final class SizeSerializer extends StdSerializer<ImageSize> {
        SizeSerializer() {
            super(ImageSize.class);
        }

        @Override
        public void serialize(ImageSize value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(value.toString());
        }
    }

    private static final class SizeDeserializer extends StdDeserializer<ImageSize> {
        SizeDeserializer() {
            super(ImageSize.class);
        }

        @Override
        public ImageSize deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_STRING) {
                return ImageSize.parse(p.getText());
            }
            String got = switch (p.currentToken()) {
                case START_OBJECT -> "a section of keys";
                case START_ARRAY -> "a list";
                case VALUE_NUMBER_INT -> p.getText() + " (YAML read a number: put the size in quotes)";
                default -> p.getText();
            };
            throw new ConfigValueException("", "expected a size HxW like 128x160, got " + got);
        }
    }
}
