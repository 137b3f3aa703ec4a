import type { FastifyPluginAsync } from 'fastify';
import type { Config } from './config.js';
import type { Db } from './db/index.js';
import type { JobHandler } from './jobs/index.js';

/**
 * What a module hands the composition root (src/app/modules.ts): its API routes, mounted under
 * /api/v1, and the kinds of background job it does.
 */
export interface AnylibModule {
  name: string;
  routes?: FastifyPluginAsync;
  /** Routes at the root for other systems' protocols (/sru, /oai, /openurl, /iso18626): not under /api, no JSON problem details. */
  protocolRoutes?: FastifyPluginAsync;
  jobs?: Record<string, JobHandler<never>>;
  /** Work a server does continuously while it runs (the search indexer), started after it listens. */
  background?: (ctx: BackgroundContext) => { stop(): Promise<void> };
}

export interface BackgroundContext {
  db: Db;
  config: Config;
  log: { info: (obj: object, msg: string) => void; error: (obj: object, msg: string) => void };
}
