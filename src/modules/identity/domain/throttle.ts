/**
 * Sign-in throttling (issue 2): the decision is pure, the counts come from the login_attempts
 * table that every node shares. Failures are counted per e-mail address (whether or not an
 * account has it, so the answer tells nothing about which addresses exist) and per client
 * address; a successful sign-in clears the count of its e-mail address, not of the client address.
 */
export interface ThrottlePolicy {
  /** Failures for one e-mail address within the window before it is locked. */
  maxPerAccount: number;
  /** Failures from one client address within the window (a library's NAT serves many readers). */
  maxPerAddress: number;
  windowSeconds: number;
}

export const defaultThrottlePolicy: ThrottlePolicy = { maxPerAccount: 5, maxPerAddress: 20, windowSeconds: 15 * 60 };

export interface AttemptHistory {
  /** Failed attempts for the e-mail address since its last success, newest first. */
  accountFailures: Date[];
  /** Failed attempts from the client address, newest first. */
  addressFailures: Date[];
  now: Date;
}

export type ThrottleDecision = { allowed: true } | { allowed: false; reason: 'account' | 'address'; retryAfterSeconds: number };

/**
 * Whether another attempt may be made now, and if not, how long until it may: the moment the
 * oldest of the failures that fill the limit leaves the window.
 */
export function throttleDecision(history: AttemptHistory, policy: ThrottlePolicy = defaultThrottlePolicy): ThrottleDecision {
  const account = waitFor(history.accountFailures, policy.maxPerAccount, history.now, policy.windowSeconds);
  const address = waitFor(history.addressFailures, policy.maxPerAddress, history.now, policy.windowSeconds);
  if (account === 0 && address === 0) return { allowed: true };
  return account >= address
    ? { allowed: false, reason: 'account', retryAfterSeconds: account }
    : { allowed: false, reason: 'address', retryAfterSeconds: address };
}

/** Seconds until fewer than `max` failures lie within the window (0: fewer already). */
function waitFor(failures: Date[], max: number, now: Date, windowSeconds: number): number {
  const windowStart = now.getTime() - windowSeconds * 1000;
  const recent = failures.filter((at) => at.getTime() > windowStart).sort((a, b) => b.getTime() - a.getTime());
  if (recent.length < max) return 0;
  // The max-th newest failure keeps the limit reached until it is windowSeconds old.
  const pivot = recent[max - 1]!;
  return Math.max(1, Math.ceil((pivot.getTime() + windowSeconds * 1000 - now.getTime()) / 1000));
}
