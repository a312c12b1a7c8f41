package io.byokwatch.render.alert;

import io.byokwatch.domain.ResourceId;

import java.util.Locale;
import java.util.Map;

/**
 * Links to a resource in the Azure portal of the cloud byokwatch watches: a commercial-cloud link does not open a
 * US Government or China resource. {@code #@/resource<id>} lets the portal pick the signed-in user's directory.
 */
public final class PortalLinks {
    private static final Map<String, String> HOSTS = Map.of(
            "azurecloud", "portal.azure.com",
            "azureusgovernment", "portal.azure.us",
            "azurechinacloud", "portal.azure.cn");

    private final String host;

    private PortalLinks(String host) {
        this.host = host;
    }

    /** @param cloud a {@code BYOKWATCH_CLOUD} name: AzureCloud, AzureUSGovernment or AzureChinaCloud */
    public static PortalLinks forCloud(String cloud) {
        String host = HOSTS.get(cloud == null ? "azurecloud" : cloud.toLowerCase(Locale.ROOT));
        if (host == null) {
            throw new IllegalArgumentException("no Azure portal known for cloud '" + cloud + "'; use AzureCloud,"
                    + " AzureUSGovernment or AzureChinaCloud");
        }
        return new PortalLinks(host);
    }

    public String resource(ResourceId id) {
        return "https://" + host + "/#@/resource" + id;
    }

    public String host() {
        return host;
    }
}
