package io.byokwatch.adapter.plan;

/**
 * Where a template deploys: the subscription and resource group (given with {@code --subscription} and
 * {@code --resource-group}, else stand-ins fixed at deployment) and the deployment's name.
 */
record TemplateScope(String subscriptionId, String resourceGroup, String deploymentName) {

    static TemplateScope of(String subscriptionId, String resourceGroup) {
        return new TemplateScope(subscriptionId != null ? subscriptionId : TemplateValues.DEPLOYMENT + "-subscription",
                resourceGroup != null ? resourceGroup : TemplateValues.DEPLOYMENT + "-resource-group", null);
    }

    String subscriptionPath() {
        return "/subscriptions/" + subscriptionId;
    }

    String resourceGroupId() {
        return subscriptionPath() + "/resourceGroups/" + resourceGroup;
    }

    /** A nested deployment's scope: another resource group or subscription when it names one. */
    TemplateScope nested(String subscription, String group, String name) {
        return new TemplateScope(subscription != null ? subscription : subscriptionId, group != null ? group : resourceGroup, name);
    }
}
