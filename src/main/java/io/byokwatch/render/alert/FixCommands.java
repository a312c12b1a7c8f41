package io.byokwatch.render.alert;

import java.util.ArrayList;
import java.util.List;

/**
 * The parts of a finding's remediation a chat message shows: the lead sentence and the indented command lines (the
 * {@code az} steps with this cluster's names filled in). Rules write remediation as prose, then two-space indented
 * commands, then a {@code Terraform:} line; the Terraform line stays in the JSON contract, chat has no room for it.
 */
public record FixCommands(String lead, List<String> commands) {
    public FixCommands {
        commands = List.copyOf(commands);
    }

    public static FixCommands of(String remediation) {
        StringBuilder lead = new StringBuilder();
        List<String> commands = new ArrayList<>();
        if (remediation == null) {
            return new FixCommands("", commands);
        }
        for (String line : remediation.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            if (Character.isWhitespace(line.charAt(0))) {
                commands.add(line.strip());
            } else if (line.startsWith("Terraform:")) {
                continue;
            } else if (commands.isEmpty()) {
                lead.append(lead.length() == 0 ? "" : " ").append(line.strip());
            }
        }
        return new FixCommands(lead.toString(), commands);
    }
}
