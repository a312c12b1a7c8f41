package io.byokwatch.cli;

import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Help.IParamLabelRenderer;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.List;

/**
 * Help text shows {@code --inventory PATH}, as the README and every example write it, while the parser still takes
 * {@code --inventory=PATH} too (picocli would print the parser's "=" separator).
 */
final class HelpLayout implements CommandLine.IHelpFactory {
    @Override
    public CommandLine.Help create(CommandSpec spec, CommandLine.Help.ColorScheme scheme) {
        return new CommandLine.Help(spec, scheme) {
            @Override
            public IParamLabelRenderer createDefaultParamLabelRenderer() {
                return spaced(super.createDefaultParamLabelRenderer());
            }

            @Override
            public IParamLabelRenderer parameterLabelRenderer() {
                return spaced(super.parameterLabelRenderer());
            }
        };
    }

    private static IParamLabelRenderer spaced(IParamLabelRenderer label) {
        return new IParamLabelRenderer() {
            @Override
            public Ansi.Text renderParameterLabel(ArgSpec arg, Ansi ansi, List<Ansi.IStyle> styles) {
                Ansi.Text text = label.renderParameterLabel(arg, ansi, styles);
                String plain = text.plainString();
                return plain.startsWith("=") ? ansi.new Text(" ").concat(text.substring(1)) : text;
            }

            @Override
            public String separator() {
                return " ";
            }
        };
    }
}
