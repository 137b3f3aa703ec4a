import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { Config } from '../platform/config.js';
import { migrate, openDatabase, type Db } from '../platform/db/index.js';
import type { App } from '../platform/http/app.js';
import { JobQueue, JobRunner, scheduleVacuum, type JobHandler } from '../platform/jobs/index.js';
import { createLogger } from './logger.js';

export interface RunningServer {
  app: App;
  db: Db;
  runner: JobRunner;
  url: string;
  stop(): Promise<void>;
}

/**
 * `anylib serve`: opens the database (taking the data directory's lock when embedded), applies
 * migrations, loads the demo into an empty embedded database, listens, and works the job queue.
 * SIGINT/SIGTERM stop it gracefully: no new requests, running jobs brought to a safe point.
 */
export async function serve(config: Config, log: Logger = createLogger(config)): Promise<RunningServer> {
  const started = Date.now();
  // The embedded database opens in its own thread while this one loads and builds the app.
  const { db, lock } = openDatabase(config);
  const jobs = new JobQueue(db);
  const localToken = randomBytes(32).toString('base64url');
  let app: App;
  let handlers: Record<string, JobHandler<never>>;
  let startBackground: typeof import('./build.js').startBackground;
  let stopBackground: () => Promise<void> = async () => undefined;
  try {
    const prepared = migrate(db);
    prepared.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile
    const [built, { loadDemoIfWanted }] = await Promise.all([import('./build.js'), import('./demo.js')]);
    const { buildAnylibApp, jobHandlers } = built;
    startBackground = built.startBackground;
    app = await buildAnylibApp({ config, db, jobs, logger: log, localToken });
    handlers = jobHandlers();
    const applied = await prepared;
    if (applied.length) log.info({ applied }, 'migrations applied');
    await loadDemoIfWanted({ config, db, log });
    await scheduleVacuum(db);
  } catch (err) {
    await db.close().catch(() => undefined);
    throw err;
  }
  const runner = new JobRunner({ db, handlers, log: log.child({ component: 'jobs' }) });

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      log.info('shutting down');
      // CLI commands started from now on must not come to a server that no longer answers.
      lock?.withdraw();
      // Together: the requests in flight are answered (no new ones taken) while running jobs
      // reach a safe point (none newly claimed); the database closes after both.
      await Promise.all([app.close(), runner.stop(), stopBackground()]);
      await db.close(); // also removes the data directory's lock
      log.info('stopped');
    })());

  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (err) {
    await app.close().catch(() => undefined);
    await db.close();
    throw err;
  }
  runner.start();
  stopBackground = startBackground({ db, config, log: log.child({ component: 'background' }) });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${localHost(config.host)}:${port}`;
  lock?.advertise(url, localToken);
  log.info({ url, baseUrl: config.baseUrl, database: db.kind, node: runner.nodeId, ms: Date.now() - started }, 'Anylib is ready');
  return { app, db, runner, url, stop };
}

/** How a process on this machine reaches the server: a wildcard address is not one to connect to. */
function localHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

/** Stops the server on SIGINT/SIGTERM; a second signal stops at once. */
export function stopOnSignals(server: RunningServer, log: Logger): void {
  let signalled = false;
  const onSignal = (signal: string) => {
    if (signalled) process.exit(1);
    signalled = true;
    log.info({ signal }, 'signal received');
    server.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
