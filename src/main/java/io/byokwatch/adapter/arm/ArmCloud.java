package io.byokwatch.adapter.arm;

import com.azure.core.management.AzureEnvironment;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The Azure clouds byokwatch runs against, named as {@code az cloud list} names them. */
public enum ArmCloud {
    AZURE_CLOUD("AzureCloud", AzureEnvironment.AZURE),
    AZURE_US_GOVERNMENT("AzureUSGovernment", AzureEnvironment.AZURE_US_GOVERNMENT),
    AZURE_CHINA_CLOUD("AzureChinaCloud", AzureEnvironment.AZURE_CHINA);

    private final String cliName;
    private final AzureEnvironment environment;

    ArmCloud(String cliName, AzureEnvironment environment) {
        this.cliName = cliName;
        this.environment = environment;
    }

    public String cliName() {
        return cliName;
    }

    public AzureEnvironment environment() {
        return environment;
    }

    /** Parses the {@code az cloud} name, case-insensitively, with an error listing the accepted names. */
    public static ArmCloud parse(String text) {
        String t = text == null ? "" : text.trim();
        for (ArmCloud c : values()) {
            if (c.cliName.equalsIgnoreCase(t) || c.name().equalsIgnoreCase(t)) {
                return c;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not an Azure cloud; use one of "
                + Arrays.stream(values()).map(ArmCloud::cliName).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return cliName;
    }
}
