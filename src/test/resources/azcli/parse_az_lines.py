"""Parses az command lines with the installed azure-cli's own argument parser, without running them.

Reads one command per line on stdin (bash syntax: quotes are honoured, "$VAR" stays a literal word), loads the command
table once, and prints one JSON object per input line: {"line", "status": "ok" | "unknown-command" | "error" |
"unloadable", "message"}; "unloadable" is a command the installed CLI knows but cannot load itself. Nothing is sent anywhere: no command is executed, no login is needed, and the CLI's configuration goes to
a throw-away folder.
"""
import contextlib
import io
import json
import os
import shlex
import sys
import tempfile

os.environ['AZURE_CONFIG_DIR'] = tempfile.mkdtemp(prefix='byokwatch-azcli-')
os.environ['AZURE_CORE_COLLECT_TELEMETRY'] = 'false'
os.environ['AZURE_CORE_ONLY_SHOW_ERRORS'] = 'true'

from azure.cli.core import get_default_cli  # noqa: E402


def stand_in_for_track1_keyvault_sdk():
    """Debian's azure-cli 2.45 lacks the track-1 azure-keyvault SDK (azure.keyvault.v7_0, azure-keyvault 1.1.0) that
    upstream's package depends on, so `az keyvault key create --help` fails there with "No module named
    'azure.keyvault.v7_0'". Commands whose handler is azure-cli's own function (key create) only read that SDK for
    help text; the generated ones (key recover, key list-versions) take their parameters from its operations. A module
    stands in with those operations' 1.1.0 signatures, so that every flag is still judged by azure-cli 2.45's own
    parameter registrations and parser. Nothing in it ever runs."""
    import importlib
    import types
    try:
        importlib.import_module('azure.keyvault.v7_0.key_vault_client')
        return
    except ImportError:
        pass

    class KeyVaultClient:  # pylint: disable=too-few-public-methods
        """Stand-in for azure.keyvault.v7_0.KeyVaultClient (azure-keyvault 1.1.0), operations byokwatch prints."""

        def recover_deleted_key(self, vault_base_url, key_name, custom_headers=None, raw=False,
                                **operation_config):
            """Recovers the deleted key to its latest version."""

        def get_key_versions(self, vault_base_url, key_name, maxresults=None, custom_headers=None, raw=False,
                             **operation_config):
            """Retrieves a list of individual key versions with the same key name."""

        def create_key(self, vault_base_url, key_name, kty, key_size=None, key_ops=None, key_attributes=None,
                       tags=None, curve=None, custom_headers=None, raw=False, **operation_config):
            """Creates a new key, stores it, then returns key parameters and attributes to the client."""

    package = types.ModuleType('azure.keyvault.v7_0')
    client = types.ModuleType('azure.keyvault.v7_0.key_vault_client')
    client.KeyVaultClient = KeyVaultClient
    package.key_vault_client = client
    package.KeyVaultClient = KeyVaultClient
    sys.modules['azure.keyvault.v7_0'] = package
    sys.modules['azure.keyvault.v7_0.key_vault_client'] = client


def main():
    lines = [line.rstrip('\n') for line in sys.stdin if line.strip()]
    stand_in_for_track1_keyvault_sdk()
    cli = get_default_cli()
    invocation = cli.invocation_cls(cli_ctx=cli, parser_cls=cli.parser_cls,
                                    commands_loader_cls=cli.commands_loader_cls, help_cls=cli.help_cls)
    cli.invocation = invocation
    loader = invocation.commands_loader
    loader.load_command_table(None)  # every module, once
    table = loader.command_table

    def command_of(words):
        found = None
        for n in range(1, min(6, len(words)) + 1):
            name = ' '.join(words[:n])
            if name in table:
                found = name
        return found

    parsed = []
    for line in lines:
        words = shlex.split(line)
        if not words or words[0] != 'az':
            parsed.append((line, None, None, 'not an az command'))
            continue
        parsed.append((line, words[1:], command_of(words[1:]), None))
    needed = sorted({c for _, _, c, _ in parsed if c})
    loader.command_table = {c: table[c] for c in needed}
    # the events a real invocation raises around loading arguments add the global ones (--subscription, --ids)
    from knack.events import EVENT_INVOKER_POST_CMD_TBL_CREATE, EVENT_INVOKER_CMD_TBL_LOADED
    from azure.cli.core.commands.events import EVENT_INVOKER_PRE_LOAD_ARGUMENTS, EVENT_INVOKER_POST_LOAD_ARGUMENTS
    cli.raise_event(EVENT_INVOKER_PRE_LOAD_ARGUMENTS, commands_loader=loader)
    unloadable = {}
    for c in needed:
        # argument contexts apply by the command being invoked, as in a real invocation
        invocation.data['command_string'] = c
        loader.command_name = c
        try:
            loader.load_arguments(c)
        except Exception as e:  # pylint: disable=broad-except
            # the packaged CLI itself cannot load this command (e.g. a vendored SDK it lacks): `az <command> --help`
            # fails the same way, so its flags cannot be checked here
            unloadable[c] = '%s: %s' % (type(e).__name__, e)
    for c in unloadable:
        del loader.command_table[c]
    cli.raise_event(EVENT_INVOKER_POST_LOAD_ARGUMENTS, commands_loader=loader)
    cli.raise_event(EVENT_INVOKER_POST_CMD_TBL_CREATE, commands_loader=loader)
    invocation.parser.cli_ctx = cli
    invocation.parser.load_command_table(loader)
    cli.raise_event(EVENT_INVOKER_CMD_TBL_LOADED, cmd_tbl=loader.command_table, parser=invocation.parser)
    for line, args, command, problem in parsed:
        if problem or command is None:
            print(json.dumps({'line': line, 'status': 'unknown-command', 'message': problem or 'no such command'}))
            continue
        if command in unloadable:
            print(json.dumps({'line': line, 'status': 'unloadable', 'message': command + ': ' + unloadable[command]}))
            continue
        err = io.StringIO()
        try:
            with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
                invocation.data['command_string'] = command
                invocation.parser.parse_args(args)
            print(json.dumps({'line': line, 'status': 'ok', 'message': ''}))
        except SystemExit:
            message = next((m for m in err.getvalue().splitlines() if m.strip()), 'rejected')
            print(json.dumps({'line': line, 'status': 'error', 'message': message.strip()}))
        sys.stdout.flush()


if __name__ == '__main__':
    main()
