import { existsSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { parse as parseDotenv } from 'dotenv';

/** The validated configuration every part of Anylib reads (INTERFACES.md, "Configuration"). */
export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  /** undefined = decide at start: load the demo only into an empty embedded database. */
  demo: boolean | undefined;
  secret: string;
  baseUrl: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** E-mail notices: without an SMTP server they are recorded but not sent (and the log says so). */
  mail: { smtpUrl: string | undefined; from: string | undefined };
  /** Document delivery: how long a reader's download link lives, how many downloads it allows, how large a scan may be. */
  copies: { linkDays: number; downloads: number; maxBytes: number };
  /** Browser sessions end after `idleSeconds` without a request, and `absoluteSeconds` after sign-in at the latest. */
  sessions: { idleSeconds: number; absoluteSeconds: number };
  /** Readers' personal data in ended requests are anonymised this many days after the request ends. */
  readerDataRetentionDays: number;
  /**
   * Interlibrary loan timers: a lender that has not answered within this many working days is
   * passed over; a reader whose loan is overdue is reminded again every `overdueReminderDays` days.
   */
  ill: { staleWorkingDays: number; overdueReminderDays: number };
  /** Search answers a server keeps while the index stays the same (0: none). */
  search: { cachedAnswers: number };
  /** The SAML service provider's key pair (PEM files); both unset: generated into the data directory. */
  saml: { keyFile: string | undefined; certFile: string | undefined };
}

const flag = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  ANYLIB_DATA_DIR: z.string().min(1).default('./data'),
  ANYLIB_DEMO: flag.optional(),
  ANYLIB_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SMTP_URL: z.string().regex(/^smtps?:\/\/[^/]+/, 'must be smtp://host:port or smtps://user:password@host:port').optional(),
  MAIL_FROM: z
    .string()
    .regex(/^(?:[^<>@]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/, 'must be an address: library@example.org or Name <library@example.org>')
    .optional(),
  ANYLIB_COPY_LINK_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  ANYLIB_COPY_DOWNLOADS: z.coerce.number().int().min(1).max(100).default(5),
  ANYLIB_COPY_MAX_MB: z.coerce.number().int().min(1).max(2048).default(200),
  ANYLIB_SESSION_IDLE_MINUTES: z.coerce.number().int().min(5).max(7 * 24 * 60).default(12 * 60),
  ANYLIB_SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(365 * 24).default(30 * 24),
  ANYLIB_READER_DATA_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  ANYLIB_ILL_STALE_DAYS: z.coerce.number().int().min(1).max(60).default(3),
  ANYLIB_ILL_OVERDUE_REMINDER_DAYS: z.coerce.number().int().min(1).max(365).default(7),
  ANYLIB_SEARCH_CACHE: z.coerce.number().int().min(0).max(100_000).default(2000),
  // Read where an import starts its reading (catalog/import/reading.ts); checked here so that a
  // mistyped value stops the start with the others, not an import hours later.
  ANYLIB_IMPORT_READER: z.enum(['thread', 'in-process']).optional(),
  ANYLIB_IMPORT_AHEAD: z.coerce.number().int().min(1).max(4).optional(),
  ANYLIB_SAML_KEY_FILE: z.string().min(1).optional(),
  ANYLIB_SAML_CERT_FILE: z.string().min(1).optional(),
});

/** Every bad setting at once, so an operator fixes them in one go. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/**
 * Reads the environment (and `.env` in the working directory, which does not override real
 * environment variables) and validates it. Blank values count as unset.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const fromFile = readDotenv(cwd);
  const merged: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...fromFile, ...env })) if (v !== undefined && v !== '') merged[k] = v;
  const parsed = envSchema.safeParse(merged);
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message} (got ${shown(String(i.path[0]), merged[String(i.path[0])])})`);
  // Notices from no address would be refused by every mail server: say so at start, not at the first notice.
  if (merged.SMTP_URL !== undefined && merged.MAIL_FROM === undefined) problems.push('MAIL_FROM: required when SMTP_URL is set (got nothing)');
  // A session cannot be idle longer than it may live at all.
  const idle = Number(merged.ANYLIB_SESSION_IDLE_MINUTES ?? 12 * 60);
  const max = Number(merged.ANYLIB_SESSION_MAX_HOURS ?? 30 * 24);
  if (idle > max * 60) problems.push(`ANYLIB_SESSION_IDLE_MINUTES: ${idle} minutes is longer than ANYLIB_SESSION_MAX_HOURS (${max} hours)`);
  // The SP's key and its certificate come together, or both are generated.
  if ((merged.ANYLIB_SAML_KEY_FILE === undefined) !== (merged.ANYLIB_SAML_CERT_FILE === undefined)) {
    problems.push('ANYLIB_SAML_KEY_FILE, ANYLIB_SAML_CERT_FILE: give both (the private key and its certificate) or neither');
  }
  if (!parsed.success || problems.length) throw new ConfigError(problems);
  const e = parsed.data;
  const dataDir = path.resolve(cwd, e.ANYLIB_DATA_DIR);
  let secret = e.ANYLIB_SECRET;
  if (secret === undefined) {
    secret = secretFromDataDir(dataDir);
    // A hand-edited or truncated file would sign sessions with a guessable key.
    if (secret.length < 32) throw new ConfigError([`ANYLIB_SECRET: the secret in ${path.join(dataDir, 'secret')} is shorter than 32 characters; delete the file to generate a new one`]);
  }
  const publicHost = e.HOST === '0.0.0.0' || e.HOST === '::' ? '127.0.0.1' : e.HOST;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir,
    demo: e.ANYLIB_DEMO,
    secret,
    baseUrl: (e.BASE_URL ?? `http://${publicHost}:${e.PORT}`).replace(/\/+$/, ''),
    logLevel: e.LOG_LEVEL,
    mail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM },
    copies: { linkDays: e.ANYLIB_COPY_LINK_DAYS, downloads: e.ANYLIB_COPY_DOWNLOADS, maxBytes: e.ANYLIB_COPY_MAX_MB * 1024 * 1024 },
    sessions: { idleSeconds: e.ANYLIB_SESSION_IDLE_MINUTES * 60, absoluteSeconds: e.ANYLIB_SESSION_MAX_HOURS * 3600 },
    readerDataRetentionDays: e.ANYLIB_READER_DATA_RETENTION_DAYS,
    ill: { staleWorkingDays: e.ANYLIB_ILL_STALE_DAYS, overdueReminderDays: e.ANYLIB_ILL_OVERDUE_REMINDER_DAYS },
    search: { cachedAnswers: e.ANYLIB_SEARCH_CACHE },
    saml: { keyFile: e.ANYLIB_SAML_KEY_FILE && path.resolve(cwd, e.ANYLIB_SAML_KEY_FILE), certFile: e.ANYLIB_SAML_CERT_FILE && path.resolve(cwd, e.ANYLIB_SAML_CERT_FILE) },
  };
}

/** A bad value as an operator may see it: never a secret, never a password inside a URL. */
function shown(name: string, value: string | undefined): string {
  if (value === undefined) return 'nothing';
  if (name === 'ANYLIB_SECRET') return `a secret of ${value.length} characters`;
  return JSON.stringify(value.replace(/^([a-z][\w+.-]*:\/\/[^:/@]*):[^@/]*@/i, '$1:***@'));
}

function readDotenv(cwd: string): Record<string, string> {
  const file = path.join(cwd, '.env');
  return existsSync(file) ? parseDotenv(readFileSync(file)) : {};
}

/** The secret is generated once and kept in the data directory, so sessions survive restarts. */
function secretFromDataDir(dataDir: string): string {
  const file = path.join(dataDir, 'secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  // Written whole to a private file, then linked into place: link fails if the name exists, so
  // of two processes starting together one wins, and neither ever reads a half-written secret.
  const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(draft, secret + '\n', { mode: 0o600 });
  try {
    linkSync(draft, file);
    return secret;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return readFileSync(file, 'utf8').trim(); // another process won: use theirs
  } finally {
    rmSync(draft, { force: true });
  }
}
