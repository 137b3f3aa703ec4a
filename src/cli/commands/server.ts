import type { Command } from 'commander';
import { createLogger } from '../../app/logger.js';
import { migrate, openDatabase, readLock } from '../../platform/db/index.js';
import { cliConfig, cliLogger, CliError, openTarget } from '../context.js';

/** serve, migrate, demo: the commands that run or prepare the server. */
export function serverCommands(program: Command): void {
  program
    .command('serve')
    .description('serve the API and the web application (what `npm start` runs)')
    .action(async () => {
      const config = cliConfig();
      const log = createLogger(config);
      const { serve, stopOnSignals } = await import('../../app/serve.js');
      const server = await serve(config, log);
      stopOnSignals(server, log);
    });

  program
    .command('migrate')
    .description('apply database migrations and exit')
    .action(async () => {
      const config = cliConfig();
      // A server applied the migrations when it started; another holder (a command, a server
      // starting or stopping) makes openDatabase below refuse with who holds the directory.
      const holder = config.databaseUrl ? undefined : readLock(config.dataDir);
      if (holder?.url) {
        console.log(`A server is running on this data directory (${holder.url}); it applied the migrations when it started.`);
        return;
      }
      const { db } = openDatabase(config);
      try {
        const applied = await migrate(db);
        console.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'The database is up to date.');
      } finally {
        await db.close();
      }
    });

  program
    .command('demo')
    .description('load the demo network and records into the configured database')
    .action(async () => {
      const config = cliConfig();
      const target = await openTarget(config);
      try {
        if (target.kind === 'server') throw new CliError('Stop the server first: the demo loads into the database directly.');
        await (await import('../../app/demo.js')).loadDemo({ db: target.db, log: cliLogger(config), dataDir: config.databaseUrl ? undefined : config.dataDir });
      } finally {
        await target.close();
      }
    });
}
