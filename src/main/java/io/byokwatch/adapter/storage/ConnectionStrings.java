package io.byokwatch.adapter.storage;

/** Error text for a connection string the SDK refused, which must never repeat the string: it carries the key. */
final class ConnectionStrings {
    private ConnectionStrings() {
    }

    static String rejected(String service, RuntimeException e) {
        return "the " + service + " connection string was refused (" + e.getClass().getSimpleName()
                + "; value withheld because it holds the account key). Expected the form"
                + " DefaultEndpointsProtocol=https;AccountName=...;AccountKey=...;EndpointSuffix=core.windows.net";
    }
}
