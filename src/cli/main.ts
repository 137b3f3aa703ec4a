import { Command, CommanderError } from 'commander';
import { ConfigError } from '../platform/config.js';
import { DataDirInUseError } from '../platform/db/index.js';
import { CliError } from './context.js';
import { serverCommands } from './commands/server.js';
import { networkCommands } from './commands/network.js';
import { userCommands } from './commands/user.js';
import { catalogImportCommand } from './commands/catalog-import.js';
import { catalogExportCommand } from './commands/catalog-export.js';
import { catalogHarvestCommand } from './commands/catalog-harvest.js';
import { searchCommands } from './commands/search.js';

/** `anylib <command>`: INTERFACES.md lists the commands; each reads the server's configuration. */
export async function main(argv: string[]): Promise<void> {
  const program = new Command('anylib')
    .description('Anylib — the shared-services platform of a library alliance')
    .showHelpAfterError()
    .exitOverride();
  serverCommands(program);
  networkCommands(program);
  userCommands(program);
  catalogImportCommand(program);
  catalogExportCommand(program);
  catalogHarvestCommand(program);
  searchCommands(program);
  try {
    await program.parseAsync(argv);
  } catch (err) {
    process.exitCode = exitCodeFor(err);
  }
}

function exitCodeFor(err: unknown): number {
  if (err instanceof CommanderError) return err.exitCode;
  if (err instanceof ConfigError || err instanceof CliError || err instanceof DataDirInUseError) {
    console.error(err.message);
    return err instanceof CliError ? err.exitCode : 1;
  }
  console.error(err);
  return 1;
}
