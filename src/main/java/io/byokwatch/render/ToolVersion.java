package io.byokwatch.render;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The running byokwatch version, read from the pom.properties Maven packs into every jar (shaded and function app
 * alike), so that the version lives in the pom only. Classes run from a build directory have no such file.
 */
public final class ToolVersion {
    public static final String UNPACKAGED = "0.0.0-dev";
    private static final String POM_PROPERTIES = "/META-INF/maven/io.byokwatch/byokwatch/pom.properties";

    private ToolVersion() {
    }

    public static String current() {
        try (InputStream in = ToolVersion.class.getResourceAsStream(POM_PROPERTIES)) {
            if (in == null) {
                return UNPACKAGED;
            }
            Properties p = new Properties();
            p.load(in);
            String version = p.getProperty("version");
            return version == null || version.isBlank() ? UNPACKAGED : version.trim();
        } catch (IOException e) {
            return UNPACKAGED;
        }
    }
}
