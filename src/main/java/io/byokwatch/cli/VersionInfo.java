package io.byokwatch.cli;

import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** {@code byokwatch --version}: the release, the JSON contracts it writes, and the Java it runs on (for bug reports). */
final class VersionInfo implements CommandLine.IVersionProvider {
    /** The project version, filled in by the build; "development" when run from sources the build did not filter. */
    static String version() {
        try (InputStream in = VersionInfo.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version", "");
                if (!v.isBlank() && !v.startsWith("${")) {
                    return v;
                }
            }
        } catch (IOException e) {
            // falls through: a missing version must never stop the command
        }
        return "development";
    }

    @Override
    public String[] getVersion() {
        return new String[]{
                "byokwatch " + version(),
                "contracts: scan report schemaVersion 1, alert schemaVersion 1, access report schemaVersion 1,"
                        + " doctor report schemaVersion " + io.byokwatch.render.doctor.DoctorJson.SCHEMA_VERSION + ", SARIF 2.1.0",
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
    }
}
