import type { Logger } from 'pino';
import { loadConfig, type Config } from '../platform/config.js';
import { migrate, openDatabase, readLock, type Db } from '../platform/db/index.js';
import { createLogger } from '../app/logger.js';

/** A user-facing CLI failure: printed without a stack, with its exit code. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
  }
}

export function cliConfig(): Config {
  return loadConfig();
}

export function cliLogger(config: Config): Logger {
  // Commands print their own results; logs only for warnings unless asked for more.
  return createLogger({ logLevel: process.env.LOG_LEVEL ? config.logLevel : 'warn' });
}

/** A running server's API, reached with the token it left in the data directory's lock file. */
export interface ServerClient {
  url: string;
  request<T>(method: string, path: string, body?: unknown, contentType?: string): Promise<T>;
}

/**
 * Where a command does its work: the database itself, or — when an embedded database is held by
 * a running server — that server's API (only one process may open a PGlite data directory).
 */
export type Target = { kind: 'db'; db: Db; close(): Promise<void> } | { kind: 'server'; server: ServerClient; close(): Promise<void> };

export async function openTarget(config: Config): Promise<Target> {
  if (!config.databaseUrl) {
    const holder = readLock(config.dataDir);
    if (holder?.url && holder.token) return { kind: 'server', server: serverClient(holder.url, holder.token), close: async () => undefined };
    if (holder) {
      throw new CliError(
        `The data directory ${config.dataDir} is in use by process ${holder.pid}, which takes no commands now ` +
          '(a server starting or stopping, or another command); try again in a moment.',
      );
    }
  }
  const { db } = openDatabase(config);
  await migrate(db);
  return { kind: 'db', db, close: () => db.close() };
}

function serverClient(url: string, token: string): ServerClient {
  return {
    url,
    async request<T>(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<T> {
      const res = await fetch(url + path, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body !== undefined ? { 'content-type': contentType } : {}),
        },
        // Copied into a Uint8Array over a plain ArrayBuffer: a body under the DOM's fetch types
        // too, which a dependency's types bring in.
        body: body === undefined ? undefined : typeof body === 'string' ? body : body instanceof Uint8Array ? new Uint8Array(body) : JSON.stringify(body),
      });
      const text = await res.text();
      const parsed = text && /json/.test(res.headers.get('content-type') ?? '') ? JSON.parse(text) : text;
      if (!res.ok) throw new ProblemError(res.status, parsed);
      return parsed as T;
    },
  };
}

/** A problem document answered by the server, shown to the user as the server said it. */
export class ProblemError extends CliError {
  constructor(readonly status: number, readonly problem: unknown) {
    super(describeProblem(status, problem));
  }
}

function describeProblem(status: number, p: unknown): string {
  if (typeof p !== 'object' || p === null) return `HTTP ${status}: ${String(p)}`;
  const doc = p as { code?: string; detail?: string; errors?: { field: string; message: string }[] };
  const lines = [`${doc.code ?? status}: ${doc.detail ?? ''}`];
  for (const e of doc.errors ?? []) lines.push(`  ${e.field}: ${e.message}`);
  return lines.join('\n');
}
