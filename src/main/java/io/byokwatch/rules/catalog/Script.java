package io.byokwatch.rules.catalog;

import io.byokwatch.domain.Bash;

/**
 * A remediation as people paste it: one sentence saying what to do and why, commands for bash (every interpolated
 * value quoted by {@link Bash}, values a person must supply as SHOUTED placeholders inside single-quoted variable
 * assignments, so that nothing in a pasted line is read as a redirection or run as a substitution), then Terraform.
 */
final class Script {
    private final StringBuilder text;

    Script(String intro) {
        this.text = new StringBuilder(intro).append(" (bash):\n");
    }

    /** One command line, indented. */
    Script cmd(String line) {
        text.append("  ").append(line).append('\n');
        return this;
    }

    /** A command with a trailing comment (never continued: a wrapped comment would run its tail). */
    Script cmd(String line, String comment) {
        text.append("  ").append(line).append("   # ").append(comment).append('\n');
        return this;
    }

    /** A line of explanation between commands, as a bash comment, so that chat code blocks keep it with them. */
    Script say(String sentence) {
        text.append("  # ").append(sentence).append('\n');
        return this;
    }

    /** A variable the person must set first: {@code NAME='PLACEHOLDER'   # what it is}. */
    Script set(String variable, String placeholder, String what) {
        return cmd(variable + "='" + placeholder.replace("'", "") + "'", what);
    }

    String terraform(String hint) {
        return text.append("Terraform: ").append(hint).toString();
    }
}
