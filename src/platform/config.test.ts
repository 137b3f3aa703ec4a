import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'anylib-config-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const secret = 'a-secret-long-enough-for-anylib-0123456789';

  it('starts from the documented defaults', () => {
    const c = loadConfig({ ANYLIB_SECRET: secret }, dir);
    expect(c).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      databaseUrl: undefined,
      dataDir: path.join(dir, 'data'),
      demo: undefined,
      baseUrl: 'http://127.0.0.1:8080',
      logLevel: 'info',
    });
  });

  it('reports every bad setting at once', () => {
    let error: unknown;
    try {
      loadConfig(
        { PORT: 'abc', DATABASE_URL: 'mysql://root@db/anylib', LOG_LEVEL: 'loud', BASE_URL: 'ftp://x', ANYLIB_SECRET: 'short' },
        dir,
      );
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(5);
    for (const name of ['PORT', 'DATABASE_URL', 'LOG_LEVEL', 'BASE_URL', 'ANYLIB_SECRET']) {
      expect(problems.some((p) => p.startsWith(`${name}:`))).toBe(true);
    }
    // The message an operator reads names every setting too.
    for (const name of ['PORT', 'DATABASE_URL', 'LOG_LEVEL', 'BASE_URL', 'ANYLIB_SECRET']) expect((error as ConfigError).message).toContain(name);
  });

  it('never repeats a secret or a database password in its complaints', () => {
    let error: ConfigError | undefined;
    try {
      loadConfig({ ANYLIB_SECRET: 'hunter2-short', DATABASE_URL: 'mysql://root:s3cr3t-pw@db/anylib' }, dir);
    } catch (err) {
      error = err as ConfigError;
    }
    expect(error?.problems).toHaveLength(2);
    expect(error?.message).not.toContain('hunter2');
    expect(error?.message).not.toContain('s3cr3t-pw');
  });

  it('reads the mail and document delivery settings, and lists what is wrong with them at once', () => {
    const c = loadConfig({ ANYLIB_SECRET: secret, SMTP_URL: 'smtp://mail.example.org:2525', MAIL_FROM: 'Interlibrary loan <ill@example.org>', ANYLIB_COPY_DOWNLOADS: '3' }, dir);
    expect(c.mail).toEqual({ smtpUrl: 'smtp://mail.example.org:2525', from: 'Interlibrary loan <ill@example.org>' });
    expect(c.copies).toEqual({ linkDays: 30, downloads: 3, maxBytes: 200 * 1024 * 1024 });
    // Without SMTP, notices are recorded and not sent: not a configuration error.
    expect(loadConfig({ ANYLIB_SECRET: secret }, dir).mail).toEqual({ smtpUrl: undefined, from: undefined });
    let error: ConfigError | undefined;
    try {
      loadConfig({ ANYLIB_SECRET: secret, SMTP_URL: 'http://user:pw-s3cret@mail', ANYLIB_COPY_LINK_DAYS: '0' }, dir);
    } catch (err) {
      error = err as ConfigError;
    }
    expect(error?.problems.map((p) => p.split(':')[0]).sort()).toEqual(['ANYLIB_COPY_LINK_DAYS', 'MAIL_FROM', 'SMTP_URL']);
    expect(error?.message).not.toContain('pw-s3cret');
  });

  it('rejects a port out of range and an unknown demo flag', () => {
    expect(() => loadConfig({ ANYLIB_SECRET: secret, PORT: '70000' }, dir)).toThrow(/PORT/);
    expect(() => loadConfig({ ANYLIB_SECRET: secret, ANYLIB_DEMO: 'yes' }, dir)).toThrow(/ANYLIB_DEMO/);
  });

  it('rejects an import reader it does not know and reading ahead out of range', () => {
    expect(() => loadConfig({ ANYLIB_SECRET: secret, ANYLIB_IMPORT_READER: 'threads' }, dir)).toThrow(/ANYLIB_IMPORT_READER/);
    expect(() => loadConfig({ ANYLIB_SECRET: secret, ANYLIB_IMPORT_AHEAD: '8' }, dir)).toThrow(/ANYLIB_IMPORT_AHEAD/);
    expect(() => loadConfig({ ANYLIB_SECRET: secret, ANYLIB_IMPORT_READER: 'in-process', ANYLIB_IMPORT_AHEAD: '2' }, dir)).not.toThrow();
  });

  it('counts blank values as unset', () => {
    const c = loadConfig({ ANYLIB_SECRET: secret, PORT: '', DATABASE_URL: '' }, dir);
    expect(c.port).toBe(8080);
    expect(c.databaseUrl).toBeUndefined();
  });

  it('reads a .env file, and a real environment variable wins over it', () => {
    writeFileSync(path.join(dir, '.env'), `PORT=9001\nLOG_LEVEL=debug\nANYLIB_SECRET=${secret}\n`);
    const c = loadConfig({ PORT: '9002' }, dir);
    expect(c.port).toBe(9002);
    expect(c.logLevel).toBe('debug');
    expect(c.secret).toBe(secret);
  });

  it('reports a bad setting that comes from the .env file', () => {
    writeFileSync(path.join(dir, '.env'), 'LOG_LEVEL=loud\n');
    expect(() => loadConfig({ ANYLIB_SECRET: secret }, dir)).toThrow(/LOG_LEVEL/);
  });

  it('derives BASE_URL from HOST and PORT, and drops a trailing slash from an explicit one', () => {
    expect(loadConfig({ ANYLIB_SECRET: secret, HOST: '0.0.0.0', PORT: '9000' }, dir).baseUrl).toBe('http://127.0.0.1:9000');
    expect(loadConfig({ ANYLIB_SECRET: secret, BASE_URL: 'https://lib.example.org/anylib/' }, dir).baseUrl).toBe('https://lib.example.org/anylib');
  });

  it('generates a secret into the data directory once, readable only by its owner, and keeps it', () => {
    const first = loadConfig({ ANYLIB_DATA_DIR: 'store' }, dir);
    const file = path.join(dir, 'store', 'secret');
    expect(first.secret.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(file, 'utf8').trim()).toBe(first.secret);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadConfig({ ANYLIB_DATA_DIR: 'store' }, dir).secret).toBe(first.secret);
  });

  it('refuses a secret file in the data directory that is too short to sign with', () => {
    const c = loadConfig({ ANYLIB_DATA_DIR: 'store' }, dir);
    writeFileSync(path.join(c.dataDir, 'secret'), 'tiny\n');
    expect(() => loadConfig({ ANYLIB_DATA_DIR: 'store' }, dir)).toThrow(ConfigError);
  });
});
