import { loadConfig, type Config } from '../../src/platform/config.js';
import type { Db } from '../../src/platform/db/index.js';
import type { App } from '../../src/platform/http/app.js';
import { buildAnylibApp } from '../../src/app/build.js';
import { JobQueue } from '../../src/platform/jobs/index.js';
import { testDatabase } from './database.js';

export interface TestApp {
  app: App;
  db: Db;
  jobs: JobQueue;
  config: Config;
  close(): Promise<void>;
}

/** The whole application on a fresh database, driven with `app.inject()`. */
export async function testApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  const db = await testDatabase();
  const config: Config = {
    ...loadConfig({ ANYLIB_SECRET: 'test-secret-test-secret-test-secret-1234', ANYLIB_DATA_DIR: '/tmp/anylib-test-unused' }),
    baseUrl: 'http://anylib.test',
    ...overrides,
  };
  const jobs = new JobQueue(db);
  const app = await buildAnylibApp({ config, db, jobs, localToken: 'local-test-token-local-test-token' });
  await app.ready();
  return {
    app,
    db,
    jobs,
    config,
    async close() {
      await app.close();
      await db.close();
    },
  };
}
