import type { Logger } from 'pino';
import type { Config } from '../platform/config.js';
import type { BackgroundContext } from '../platform/module.js';
import type { Db } from '../platform/db/index.js';
import { buildApp, type App } from '../platform/http/app.js';
import { JobQueue, platformJobs, type JobHandler } from '../platform/jobs/index.js';
import { modules } from './modules.js';
import { authentication } from '../modules/identity/index.js';

export interface AnylibAppOptions {
  config: Config;
  db: Db;
  jobs?: JobQueue;
  logger?: Logger | false;
  /** A token that acts as network administrator, for CLI commands working through this server. */
  localToken?: string;
}

/** The whole Anylib HTTP application: platform, authentication and every module's routes. */
export async function buildAnylibApp(opts: AnylibAppOptions): Promise<App> {
  return buildApp({
    config: opts.config,
    db: opts.db,
    jobs: opts.jobs ?? new JobQueue(opts.db),
    logger: opts.logger || undefined,
    authentication: async (app) => {
      await app.register(authentication, { localToken: opts.localToken });
    },
    modules: async (app) => {
      for (const m of modules) if (m.routes) await app.register(m.routes, { prefix: '/api/v1' });
      for (const m of modules) if (m.protocolRoutes) await app.register(m.protocolRoutes);
    },
  });
}

/** Starts every module's background work (the search indexer); the returned function stops it all. */
export function startBackground(ctx: BackgroundContext): () => Promise<void> {
  const running = modules.flatMap((m) => (m.background ? [m.background(ctx)] : []));
  return async () => {
    await Promise.all(running.map((r) => r.stop()));
  };
}

/** The platform's and every module's job handlers, by job kind. */
export function jobHandlers(): Record<string, JobHandler<never>> {
  const all: Record<string, JobHandler<never>> = { ...platformJobs() };
  for (const m of modules) Object.assign(all, m.jobs);
  return all;
}
