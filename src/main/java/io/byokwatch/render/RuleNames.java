package io.byokwatch.render;

/** Display names derived from rule ids. */
public final class RuleNames {
    private RuleNames() {
    }

    /** {@code des-no-key-access} becomes {@code DesNoKeyAccess}, the form SARIF viewers expect in {@code rule.name}. */
    public static String pascalCase(String ruleId) {
        StringBuilder out = new StringBuilder();
        for (String part : ruleId.split("[^A-Za-z0-9]+")) {
            if (!part.isEmpty()) {
                out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return out.toString();
    }
}
