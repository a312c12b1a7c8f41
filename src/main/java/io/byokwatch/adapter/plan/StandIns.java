package io.byokwatch.adapter.plan;

/**
 * The stand-ins for values Azure assigns only when a resource is created. Each names the resource and attribute it
 * stands for, so it is the same wherever the plan refers to that value and reads as what it is wherever it is printed.
 */
final class StandIns {
    private static final String SUFFIX = ", known after apply)";

    private StandIns() {
    }

    /** A principal, client or tenant id: {@code (azurerm_disk_encryption_set.des.identity[0].principal_id, known after apply)}. */
    static String principal(String address, String attribute) {
        return "(" + address + "." + attribute + SUFFIX;
    }

    static boolean isPrincipal(String value) {
        return value != null && value.startsWith("(") && value.endsWith(SUFFIX);
    }
}
