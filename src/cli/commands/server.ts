import type { Command } from 'commander';
import { createLogger } from '../../app/logger.js';
import { migrate, openDatabase, readLock } from '../../platform/db/index.js';
import { cliConfig, cliLogger, CliError, openTarget } from '../context.js';
import { cliTexts, say } from '../i18n.js';

const texts = {
  serverMigrated: {
    en: 'A server is running on this data directory ({url}); it applied the migrations when it started.',
    'zh-CN': '此数据目录上已有服务器在运行（{url}），它在启动时已应用了迁移。',
  },
  applied: { en: 'Applied {count} migration(s): {list}', 'zh-CN': '已应用 {count} 个迁移：{list}' },
  upToDate: { en: 'The database is up to date.', 'zh-CN': '数据库已是最新。' },
} as const;

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
        console.log(say(texts.serverMigrated, { url: holder.url }));
        return;
      }
      const { db } = openDatabase(config);
      try {
        const applied = await migrate(db);
        console.log(applied.length ? say(texts.applied, { count: applied.length, list: applied.join(', ') }) : say(texts.upToDate));
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
        if (target.kind === 'server') throw new CliError(say(cliTexts.stopServerFirst));
        await (await import('../../app/demo.js')).loadDemo({ db: target.db, log: cliLogger(config), dataDir: config.databaseUrl ? undefined : config.dataDir });
      } finally {
        await target.close();
      }
    });
}
