/**
 * The embedded database runs here, in its own thread: PGlite executes queries on the thread
 * that calls it, and a long query there would freeze every timer and HTTP answer of the server
 * (measured: a 1.5 s query stopped the event loop for 1.5 s). See issue 2.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';

export type WorkerRequest =
  | { id: number; op: 'query'; sql: string; params: unknown[] }
  | { id: number; op: 'exec'; sql: string }
  | { id: number; op: 'close' };

export type WorkerReply =
  | { id: number; ok: true; rows: unknown[]; rowCount: number }
  | { id: number; ok: false; error: { message: string; code?: string; detail?: string; constraint?: string; column?: string; table?: string } };

const { dataDir } = workerData as { dataDir: string | undefined };
const port = parentPort!;

const ready = PGlite.create({ dataDir, extensions: { pg_trgm, unaccent } }).catch((err: unknown) => {
  throw new Error(`The embedded database in ${dataDir ?? 'memory'} could not be opened: ${err instanceof Error ? err.message : String(err)}`);
});
ready.catch(() => undefined); // reported to each request below, not as an unhandled rejection

port.on('message', (req: WorkerRequest) => {
  void handle(req).then((reply) => port.postMessage(reply));
});

async function handle(req: WorkerRequest): Promise<WorkerReply> {
  try {
    if (req.op === 'close') {
      // Closing a database that never opened is no error.
      await (await ready.catch(() => undefined))?.close();
      return { id: req.id, ok: true, rows: [], rowCount: 0 };
    }
    const db = await ready;
    switch (req.op) {
      case 'query': {
        const r = await db.query(req.sql, req.params);
        return { id: req.id, ok: true, rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
      }
      case 'exec':
        await db.exec(req.sql);
        return { id: req.id, ok: true, rows: [], rowCount: 0 };
    }
  } catch (err) {
    const e = err as Record<string, unknown>;
    return {
      id: req.id,
      ok: false,
      error: {
        message: String(e.message ?? err),
        code: e.code as string | undefined,
        detail: e.detail as string | undefined,
        constraint: e.constraint as string | undefined,
        column: e.column as string | undefined,
        table: e.table as string | undefined,
      },
    };
  }
}
