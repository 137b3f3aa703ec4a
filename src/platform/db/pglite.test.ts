import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { kill, runFixture, runToEnd, waitForOutput, type AnylibProcess } from '../../../test/platform/support/anylib-process.js';
import { DataDirInUseError, DataDirLock, memoryDatabase, openDatabase, readLock, type Db } from './index.js';
import { lockFile } from './data-dir-lock.js';

/** Facts about PGlite 0.5 that the embedded database is designed around (issue 2). Always PGlite, whatever DATABASE_URL says. */
describe('the embedded database (PGlite)', () => {
  describe('in its worker thread', () => {
    let db: Db;
    beforeAll(() => {
      db = memoryDatabase();
    });
    afterAll(() => db.close());

    it('keeps the event loop free while a slow query runs', async () => {
      await db.query('SELECT 1'); // started and warm
      let settled = false;
      const slow = db.query('SELECT pg_sleep(1.5)').finally(() => (settled = true));
      // In the calling thread, PGlite would freeze every timer until the query returned (measured).
      // Here a 50 ms timer must keep firing while the query is still running.
      let ticks = 0;
      await new Promise<void>((resolve) => {
        const timer = setInterval(() => {
          if (++ticks < 5) return;
          clearInterval(timer);
          resolve();
        }, 50);
      });
      expect(settled).toBe(false);
      await slow;
    });

    it('refuses a query inside a transaction that goes around the transaction, instead of waiting forever', async () => {
      // PGlite has one connection, held by the transaction: db.query would wait for it until the end of time.
      const misuse = db.transaction(async () => db.query('SELECT 1'));
      await expect(misuse).rejects.toThrow(/inside a transaction/);
      expect((await db.query<{ v: number }>('SELECT 2 AS v')).rows[0]!.v).toBe(2);
    });
  });

  describe('in a data directory', () => {
    const dirs: string[] = [];
    let holder: AnylibProcess | undefined;
    const newDir = () => {
      const d = mkdtempSync(path.join(tmpdir(), 'anylib-pglite-'));
      dirs.push(d);
      return d;
    };
    afterEach(() => kill(holder));
    afterAll(() => {
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    });

    it('is refused to a second process, which learns who holds it; a lock left by a dead process is taken over', async () => {
      const dataDir = newDir();
      holder = runFixture('hold-data-dir.ts', [dataDir]);
      await waitForOutput(holder, 'holding');

      let refused: unknown;
      try {
        openDatabase({ dataDir, databaseUrl: undefined });
      } catch (err) {
        refused = err;
      }
      expect(refused).toBeInstanceOf(DataDirInUseError);
      expect((refused as DataDirInUseError).holder.pid).toBe(holder.pid);
      expect((refused as Error).message).toContain(String(holder.pid));
      expect(readLock(dataDir)?.pid).toBe(holder.pid);

      // The holder dies without cleaning up: its lock stays behind, naming a process that is gone.
      await kill(holder);
      expect(existsSync(lockFile(dataDir))).toBe(true);
      expect(readLock(dataDir)).toBeUndefined();

      const { db, lock } = openDatabase({ dataDir, databaseUrl: undefined });
      expect(JSON.parse(readFileSync(lockFile(dataDir), 'utf8')).pid).toBe(process.pid);
      expect(statSync(lockFile(dataDir)).mode & 0o777).toBe(0o600);
      expect(lock).toBeDefined();
      // The database the dead process left is intact and opens.
      expect((await db.query<{ v: number }>('SELECT 1 AS v')).rows).toEqual([{ v: 1 }]);
      await db.close();
      expect(existsSync(lockFile(dataDir))).toBe(false);
    });

    it('is refused to a second opening in the same process', () => {
      const dataDir = newDir();
      const first = DataDirLock.acquire(dataDir);
      expect(() => openDatabase({ dataDir, databaseUrl: undefined })).toThrow(DataDirInUseError);
      expect(() => DataDirLock.acquire(path.join(dataDir, '.'))).toThrow(/this process/);
      first.release();
      // Once given back, it can be taken again.
      DataDirLock.acquire(dataDir).release();
    });

    it('takes over an unreadable lock file only once it is old, since a new one may be half-written', () => {
      const dataDir = newDir();
      writeFileSync(lockFile(dataDir), '');
      expect(() => DataDirLock.acquire(dataDir)).toThrow(DataDirInUseError);
      const old = new Date(Date.now() - 60_000);
      writeFileSync(lockFile(dataDir), '{"pid": ');
      utimesSync(lockFile(dataDir), old, old);
      const lock = DataDirLock.acquire(dataDir);
      expect(readLock(dataDir)?.pid).toBe(process.pid);
      lock.release();
      expect(existsSync(lockFile(dataDir))).toBe(false);
    });

    it('that is damaged makes `anylib serve` say so and exit 1, instead of hanging', async () => {
      const dataDir = newDir();
      mkdirSync(path.join(dataDir, 'pgdata'));
      writeFileSync(path.join(dataDir, 'pgdata', 'PG_VERSION'), 'not a database\n');
      const { code, stderr } = await runToEnd(['serve'], { ANYLIB_DATA_DIR: dataDir, PORT: '0' });
      expect(code).toBe(1);
      expect(stderr).toContain(`The embedded database in ${path.join(dataDir, 'pgdata')} could not be opened`);
      expect(existsSync(lockFile(dataDir))).toBe(false);
    });

    it('tells a CLI command where the server holding it answers, in a file only its owner reads', () => {
      const dataDir = newDir();
      const lock = DataDirLock.acquire(dataDir);
      lock.advertise('http://127.0.0.1:1234', 'a-local-token');
      expect(readLock(dataDir)).toMatchObject({ pid: process.pid, url: 'http://127.0.0.1:1234', token: 'a-local-token' });
      expect(statSync(lockFile(dataDir)).mode & 0o777).toBe(0o600);
      lock.release();
      expect(readLock(dataDir)).toBeUndefined();
    });
  });
});
