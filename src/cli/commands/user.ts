import type { Command } from 'commander';
import type { z } from 'zod';
import { isAppError } from '../../platform/errors/index.js';
import { permissions, roles } from '../../platform/http/access.js';
import { localize, type Locale, type Localized } from '../../platform/i18n.js';
import type { AddedAccount, newAccountInput } from '../../modules/identity/index.js';

// Loaded when a command runs, so that `anylib serve` does not pay for it at start-up.
const identity = () => import('../../modules/identity/index.js');
import { cliConfig, CliError, openTarget, type Target } from '../context.js';
import { cliLocale } from '../i18n.js';

export interface UserAddOptions {
  email: string;
  role: string;
  library?: string;
  alliance?: string;
  /** Comma-separated, for library staff. */
  permissions?: string;
  name?: string;
  /** An API token instead of a one-time password: an account for a system. */
  token?: boolean;
}

const texts = {
  created: { en: 'Account {id} created: {email} ({grants})', 'zh-CN': '已创建账户 {id}：{email}（{grants}）' },
  password: {
    en: 'One-time password (shown once; it must be replaced at the first sign-in): {password}',
    'zh-CN': '一次性密码（仅显示一次，首次登录时须修改）：{password}',
  },
  token: { en: 'API token (shown once; expires {expires}): {token}', 'zh-CN': 'API 令牌（仅显示一次，{expires} 过期）：{token}' },
  invalid: { en: 'Invalid options:', 'zh-CN': '选项无效：' },
} satisfies Record<string, Localized>;

/** `anylib user …`: accounts. */
export function userCommands(program: Command): void {
  const user = program.command('user').description('accounts and their roles');
  user
    .command('add')
    .description('create an account; prints a one-time password (or, with --token, an API token)')
    .requiredOption('--email <email>', 'the account’s e-mail address')
    .requiredOption('--role <role>', roles.join(' | '))
    .option('--library <symbol>', 'the library of a reader or library-staff role')
    .option('--alliance <code>', 'the alliance of an alliance-staff role')
    .option('--permissions <list>', 'library staff: comma-separated catalogue,lending,borrowing,statistics,library-admin')
    .option('--name <name>', 'the name shown for the account (default: the e-mail address)')
    .option('--token', 'make an API token instead of a password (an account for a system)')
    .action(async (opts: UserAddOptions) => {
      const config = cliConfig();
      const locale = cliLocale();
      const target = await openTarget(config);
      try {
        console.log(describeAdded(await addUser(target, opts, locale), locale));
      } finally {
        await target.close();
      }
    });
}


/**
 * Creates the account on the database, or through the server that holds the embedded database
 * (as the server's local administrator). The options are checked with the API's own schema.
 */
export async function addUser(target: Target, opts: UserAddOptions, locale: Locale): Promise<AddedAccount> {
  const { addAccount, localPrincipal, newAccountInput } = await identity();
  const body = accountInput(newAccountInput, opts, locale);
  if (target.kind === 'server') {
    return revive(await target.server.request<AddedAccount>('POST', `/api/v1/users?lang=${locale}`, body));
  }
  try {
    return await addAccount(target.db, { actor: localPrincipal, locale }, body);
  } catch (err) {
    if (isAppError(err)) {
      const lines = [`${err.code}: ${localize(err.definition.message, locale, err.params)}`, ...err.fields.map((f) => `  ${f.field}: ${f.message}`)];
      throw new CliError(lines.join('\n'));
    }
    throw err;
  }
}

/** The server's answer is JSON: its moments are strings until made dates again. */
function revive(a: AddedAccount): AddedAccount {
  const date = (d: Date | string | null) => (d === null ? null : new Date(d));
  return {
    ...a,
    account: { ...a.account, createdAt: date(a.account.createdAt)!, disabledAt: date(a.account.disabledAt) },
    ...(a.apiToken ? { apiToken: { ...a.apiToken, expiresAt: date(a.apiToken.expiresAt) } } : {}),
  };
}

function accountInput(schema: typeof newAccountInput, opts: UserAddOptions, locale: Locale): z.infer<typeof newAccountInput> {
  const grant: Record<string, unknown> = { role: opts.role };
  if (opts.library !== undefined) grant.library = opts.library;
  if (opts.alliance !== undefined) grant.alliance = opts.alliance;
  if (opts.permissions !== undefined) grant.permissions = opts.permissions.split(',').map((p) => p.trim()).filter(Boolean);
  const parsed = schema.safeParse({
    email: opts.email.trim(),
    ...(opts.name ? { displayName: opts.name } : {}),
    grants: [grant],
    credential: opts.token ? { kind: 'api-token', name: 'cli' } : { kind: 'one-time-password' },
  });
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((i) => `  --${optionOf(i.path)}: ${i.message}`);
  throw new CliError([localize(texts.invalid, locale), ...lines, `  (roles: ${roles.join(', ')}; permissions: ${permissions.join(', ')})`].join('\n'));
}

/** The command-line option that a field of the API body came from. */
function optionOf(path: PropertyKey[]): string {
  const last = String(path[path.length - 1] ?? '');
  if (path[0] === 'grants') return ['library', 'alliance', 'permissions'].includes(last) ? last : 'role';
  return last === 'displayName' ? 'name' : last || 'email';
}

/** What the command prints: the account, and its secret once. */
export function describeAdded(added: AddedAccount, locale: Locale): string {
  const a = added.account;
  const grants = a.grants.map((g) => [g.role, g.library ?? g.alliance, g.permissions.join(',')].filter(Boolean).join(' ')).join('; ');
  const lines = [localize(texts.created, locale, { id: a.id, email: a.email, grants })];
  if (added.oneTimePassword) lines.push(localize(texts.password, locale, { password: added.oneTimePassword }));
  if (added.apiToken) {
    const expires = added.apiToken.expiresAt?.toISOString().slice(0, 10) ?? '—';
    lines.push(localize(texts.token, locale, { token: added.apiToken.token, expires }));
  }
  return lines.join('\n');
}
