import { linkSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
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
        (holder.pid === process.pid ? ' (this process)' : '') +
        (holder.url ? ` (a server at ${holder.url})` : '') +
        '. PGlite allows one process per data directory. ' +
        `If no Anylib process runs there, delete ${lockFile(dir)}.`,
    );
  }
}

// A lock file younger than this that cannot be read may be one being written: never take it over.
const UNREADABLE_GRACE_MS = 10_000;

/** Data directories this process holds: a second opening here would corrupt them as surely as another process. */
const heldHere = new Set<string>();

/**
 * Only one process may open a PGlite data directory: a second one would corrupt it. The lock
 * file is written whole and then linked into place (link fails when the name exists), so there
 * is never a half-written lock; a lock left behind by a process that no longer runs is taken over.
 */
export class DataDirLock {
  private released = false;
  private constructor(readonly dir: string, readonly file: string, private info: LockInfo) {}

  static acquire(dataDir: string): DataDirLock {
    const dir = path.resolve(dataDir);
    mkdirSync(dir, { recursive: true });
    const file = lockFile(dir);
    const info: LockInfo = { pid: process.pid, startedAt: new Date().toISOString() };
    if (heldHere.has(dir)) throw new DataDirInUseError(dir, readLockFile(file) ?? info);
    for (let attempt = 0; attempt < 3; attempt++) {
      if (createExclusive(file, info)) {
        heldHere.add(dir);
        return new DataDirLock(dir, file, info);
      }
      const holder = readLockFile(file);
      if (holder === undefined) {
        // Unreadable: taken over only when old enough that nobody can still be writing it.
        if (ageMs(file) < UNREADABLE_GRACE_MS) throw new DataDirInUseError(dir, { pid: 0, startedAt: 'unknown (unreadable lock file)' });
      } else if (isAlive(holder.pid) && holder.pid !== process.pid) {
        throw new DataDirInUseError(dir, holder);
      }
      // The holder is gone (or is a former process with our pid, as after a container restart).
      removeIfStill(file, holder);
    }
    throw new Error(`Could not take the lock ${file}`);
  }

  /** Tells CLI commands where the running server answers. */
  advertise(url: string, token: string): void {
    this.rewrite({ ...this.info, url, token });
  }

  /** Stops telling CLI commands to come to this server (it is shutting down); the directory stays held. */
  withdraw(): void {
    const { url: _url, token: _token, ...rest } = this.info;
    this.rewrite(rest);
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    heldHere.delete(this.dir);
    const current = readLockFile(this.file);
    if (current?.pid === process.pid) rmSync(this.file, { force: true });
  }

  private rewrite(info: LockInfo): void {
    if (this.released) return;
    this.info = info;
    // Replaced whole (rename is atomic), so a CLI reading it never sees half a file.
    const draft = draftName(this.file);
    writeFileSync(draft, JSON.stringify(info), { mode: 0o600 });
    renameSync(draft, this.file);
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

function createExclusive(file: string, info: LockInfo): boolean {
  const draft = draftName(file);
  writeFileSync(draft, JSON.stringify(info), { mode: 0o600 });
  try {
    linkSync(draft, file);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  } finally {
    rmSync(draft, { force: true });
  }
}

/**
 * Removes a stale lock — but only the one we judged stale. Two processes may judge the same lock
 * stale at once; the first removes it and takes the directory, and the second must not remove
 * the first one's new lock. So the file is moved aside atomically, checked, and put back if it
 * turned out to be someone else's fresh lock.
 */
function removeIfStill(file: string, judged: LockInfo | undefined): void {
  const aside = draftName(file);
  try {
    renameSync(file, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return; // someone else removed it
    throw err;
  }
  const moved = readLockFile(aside);
  const same = moved === undefined ? judged === undefined : judged !== undefined && moved.pid === judged.pid && moved.startedAt === judged.startedAt;
  if (!same) {
    try {
      linkSync(aside, file); // not ours to remove: put it back (unless another lock appeared meanwhile)
    } catch {
      // a third process created a lock in between; it holds the directory now
    }
  }
  rmSync(aside, { force: true });
}

function draftName(file: string): string {
  return `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
}

function readLockFile(file: string): LockInfo | undefined {
  try {
    const info = JSON.parse(readFileSync(file, 'utf8')) as LockInfo;
    return typeof info?.pid === 'number' ? info : undefined;
  } catch {
    return undefined;
  }
}

function ageMs(file: string): number {
  try {
    return Date.now() - statSync(file).mtimeMs;
  } catch {
    return Infinity;
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
