import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** What the lock file of an embedded data directory says about the process holding it. */
export interface LockInfo {
  pid: number;
  startedAt: string;
  /** Set by a running server: where a CLI command can reach it instead of opening the files. */
  url?: string;
  /** A token for that server's API, readable only by whoever can read the data directory. */
  token?: string;
}

export class DataDirInUseError extends Error {
  constructor(readonly dir: string, readonly holder: LockInfo) {
    super(
      `The data directory ${dir} is in use by process ${holder.pid}` +
        (holder.url ? ` (a server at ${holder.url})` : '') +
        '. PGlite allows one process per data directory.',
    );
  }
}

/**
 * Only one process may open a PGlite data directory: a second one would corrupt it. The lock
 * file is created exclusively; a lock left behind by a process that no longer runs is taken over.
 */
export class DataDirLock {
  private constructor(readonly file: string, private info: LockInfo) {}

  static acquire(dataDir: string): DataDirLock {
    mkdirSync(dataDir, { recursive: true });
    const file = lockFile(dataDir);
    const info: LockInfo = { pid: process.pid, startedAt: new Date().toISOString() };
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(file, 'wx', 0o600);
        writeFileSync(fd, JSON.stringify(info));
        closeSync(fd);
        return new DataDirLock(file, info);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        const holder = readLock(dataDir);
        if (holder && holder.pid !== process.pid && isAlive(holder.pid)) throw new DataDirInUseError(dataDir, holder);
        rmSync(file, { force: true });
      }
    }
    throw new Error(`Could not take the lock ${file}`);
  }

  /** Tells CLI commands where the running server answers. */
  advertise(url: string, token: string): void {
    this.info = { ...this.info, url, token };
    writeFileSync(this.file, JSON.stringify(this.info), { mode: 0o600 });
  }

  release(): void {
    const current = readLockFile(this.file);
    if (current?.pid === process.pid) rmSync(this.file, { force: true });
  }
}

export function lockFile(dataDir: string): string {
  return path.join(dataDir, 'anylib.lock');
}

/** The live holder of a data directory's lock, if any. */
export function readLock(dataDir: string): LockInfo | undefined {
  const info = readLockFile(lockFile(dataDir));
  return info && isAlive(info.pid) ? info : undefined;
}

function readLockFile(file: string): LockInfo | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as LockInfo;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
