import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Runs the `anylib` command in a child process, as an operator would.
 *
 * Why not `node bin/anylib.js`: the bin loads the compiled build in dist/, which would have to
 * be rebuilt in every test file's beforeAll — slow, racy when test files run in parallel (they
 * would write the same dist/ files at once), and wrong while someone else's half-edited file
 * fails to compile. Instead the child runs `test/platform/fixtures/anylib.ts`, which calls the
 * same `main(process.argv)` as the bin, from src/ through tsx's loader. The loader is given by
 * absolute path, so the child may run in a temporary working directory (no stray `.env`).
 */
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const entry = fileURLToPath(new URL('../fixtures/anylib.ts', import.meta.url));

/** Variables of the test runner that must not leak into a child's configuration. */
const configVariables = ['PORT', 'HOST', 'DATABASE_URL', 'ANYLIB_DATA_DIR', 'ANYLIB_DEMO', 'ANYLIB_SECRET', 'BASE_URL', 'LOG_LEVEL'];

export interface AnylibProcess {
  child: ChildProcess;
  pid: number;
  /** Everything written so far, as text. */
  stdout(): string;
  stderr(): string;
  /** The JSON log lines (pino) on stdout so far. */
  logs(): Record<string, unknown>[];
  /** Resolves with the exit code (or the signal's name) once the process ended. */
  exited: Promise<number | string>;
}

/** A fresh, empty working directory for a child (the CLI reads `.env` from there). */
export function tempDir(prefix = 'anylib-proc-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/** Starts `anylib <args>` with exactly the configuration given (nothing inherited from the test runner). */
export function runAnylib(args: string[], env: Record<string, string>, cwd: string = tempDir()): AnylibProcess {
  return runScript(entry, args, env, cwd);
}

/** Runs a TypeScript file of the test fixtures in a child process (through tsx), with a clean configuration. */
export function runFixture(name: string, args: string[], env: Record<string, string> = {}, cwd: string = tempDir()): AnylibProcess {
  return runScript(fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url)), args, env, cwd);
}

function runScript(file: string, args: string[], env: Record<string, string>, cwd: string): AnylibProcess {
  const base = { ...process.env };
  for (const v of configVariables) delete base[v];
  const child = spawn(process.execPath, ['--import', tsxLoader, file, ...args], {
    cwd,
    env: { ...base, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
  const exited = new Promise<number | string>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  return {
    child,
    pid: child.pid!,
    stdout: () => out,
    stderr: () => err,
    logs: () =>
      out
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .flatMap((l) => {
          try {
            return [JSON.parse(l) as Record<string, unknown>];
          } catch {
            return [];
          }
        }),
    exited,
  };
}

/** Runs a command to its end and answers its exit code and output. */
export async function runToEnd(args: string[], env: Record<string, string>, cwd?: string) {
  const p = runAnylib(args, env, cwd);
  const code = await p.exited;
  return { code, stdout: p.stdout(), stderr: p.stderr() };
}

export interface AnylibServer extends AnylibProcess {
  /** Where it listens (it was started with PORT=0, so the system chose the port). */
  url: string;
  /** The node id of its job runner. */
  node: string;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | string>;
}

/**
 * Starts `anylib serve` on a port the system chooses and waits until it says it is ready.
 * Kill it in afterAll with `stop()` (or `child.kill('SIGKILL')` when a test failed half-way).
 */
export async function startServer(env: Record<string, string>, cwd?: string): Promise<AnylibServer> {
  const p = runAnylib(['serve'], { PORT: '0', LOG_LEVEL: 'info', ...env }, cwd);
  const ready = await new Promise<Record<string, unknown>>((resolve, reject) => {
    const look = () => {
      const line = p.logs().find((l) => l.msg === 'Anylib is ready');
      if (line) {
        p.child.stdout!.off('data', look);
        resolve(line);
      }
    };
    p.child.stdout!.on('data', look);
    void p.exited.then((code) => reject(new Error(`anylib serve exited (${code}) before it was ready:\n${p.stdout()}\n${p.stderr()}`)));
  });
  return {
    ...p,
    url: ready.url as string,
    node: ready.node as string,
    stop: () => {
      if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGTERM');
      return p.exited;
    },
  };
}

/** Resolves once the child's output contains `text` (rejects if it exits first). */
export function waitForOutput(p: AnylibProcess, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const look = () => {
      if (!p.stdout().includes(text)) return;
      p.child.stdout!.off('data', look);
      resolve();
    };
    p.child.stdout!.on('data', look);
    look();
    void p.exited.then((code) => reject(new Error(`the process exited (${code}) before saying "${text}":\n${p.stdout()}\n${p.stderr()}`)));
  });
}

/** Kills what is left of a child (afterAll after a failure); never throws. */
export async function kill(p: AnylibProcess | undefined): Promise<void> {
  if (!p || p.child.exitCode !== null || p.child.signalCode !== null) return;
  p.child.kill('SIGKILL');
  await p.exited;
}
