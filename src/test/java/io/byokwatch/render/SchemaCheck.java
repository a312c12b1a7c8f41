package io.byokwatch.render;

import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/** Validates documents against a JSON Schema on the test classpath, with formats (date-time, uri) asserted. */
public final class SchemaCheck {
    private final JsonSchema schema;

    private SchemaCheck(JsonSchema schema) {
        this.schema = schema;
    }

    public static SchemaCheck load(String classpathResource) {
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        return new SchemaCheck(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(resourceText(classpathResource), InputFormat.JSON, config));
    }

    /** The JSON Schema 2020-12 meta-schema, bundled with the validator, to check that a schema is itself well formed. */
    public static SchemaCheck metaSchema() {
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        return new SchemaCheck(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"), config));
    }

    public static String resourceText(String classpathResource) {
        try (InputStream in = SchemaCheck.class.getClassLoader().getResourceAsStream(classpathResource)) {
            if (in == null) {
                throw new IllegalStateException(classpathResource + " is not on the test classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Human-readable violations; empty when the document is valid. */
    public List<String> problems(String json) {
        Set<ValidationMessage> messages = schema.validate(json, InputFormat.JSON);
        return messages.stream().map(ValidationMessage::toString).sorted().toList();
    }
}
