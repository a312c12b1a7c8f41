package io.byokwatch.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * {@code byokwatch completion}: prints a bash completion script for every command, option and fixed value, generated
 * from the same definitions the parser uses, so it never falls behind a new command.
 */
@Command(name = "completion", description = {"Print a bash completion script (also completes in zsh with bashcompinit).",
        "Install: byokwatch completion > ~/.local/share/bash-completion/completions/byokwatch",
        "or for this shell only: source <(byokwatch completion)"})
final class CompletionCommand implements Callable<Integer> {
    private final CliContext cli;
    @Spec
    CommandSpec spec;

    CompletionCommand(CliContext cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        cli.out().print(AutoComplete.bash("byokwatch", spec.root().commandLine()));
        cli.out().flush();
        return 0;
    }
}
