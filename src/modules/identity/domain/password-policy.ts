/**
 * What a password must be (issue 2, "Accounts and roles"). Length is what makes a password
 * strong (NIST SP 800-63B §3.1.1.2): at least 10 characters, no composition rules; and it may
 * not be the account's e-mail address or the part before the @, the first thing an attacker tries.
 */
export const passwordPolicy = {
  minLength: 10,
  /** Longer input is refused so that hashing cannot be used to tie up the server. */
  maxLength: 256,
} as const;

export type PasswordProblem =
  | { code: 'PASSWORD_TOO_SHORT'; min: number }
  | { code: 'PASSWORD_TOO_LONG'; max: number }
  | { code: 'PASSWORD_IS_EMAIL' };

/** The reasons a password is refused for the account with this e-mail; none when it is acceptable. */
export function passwordProblems(password: string, email: string): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  // Characters as a person counts them: 汉字 and emoji are one each, not two UTF-16 units.
  const length = [...password].length;
  if (length < passwordPolicy.minLength) problems.push({ code: 'PASSWORD_TOO_SHORT', min: passwordPolicy.minLength });
  if (length > passwordPolicy.maxLength) problems.push({ code: 'PASSWORD_TOO_LONG', max: passwordPolicy.maxLength });
  const p = password.trim().toLowerCase();
  const e = email.trim().toLowerCase();
  const local = e.split('@')[0] ?? '';
  if (p === e || (local.length > 0 && p === local)) problems.push({ code: 'PASSWORD_IS_EMAIL' });
  return problems;
}
