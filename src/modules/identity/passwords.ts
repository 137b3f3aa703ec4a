import { randomBytes, randomInt } from 'node:crypto';
import argon2 from 'argon2';

/**
 * argon2id with the parameters of the OWASP Password Storage Cheat Sheet (19 MiB of memory, two
 * passes, one lane): costly for an attacker with a stolen table, about 30 ms for us.
 */
const hashOptions = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** The stored form of a password (PHC string: algorithm, parameters, salt and hash). */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, hashOptions);
}

/** Whether `password` matches the stored hash; a malformed hash never matches. */
export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** True when a hash was made with weaker parameters than today's, so it is replaced at the next sign-in. */
export function needsRehash(hash: string): boolean {
  try {
    return argon2.needsRehash(hash, hashOptions);
  } catch {
    return true;
  }
}

let dummy: Promise<string> | undefined;

/**
 * A hash that matches no password anyone sends, verified when the e-mail address is unknown so
 * that the answer takes as long as for a wrong password and tells nothing about who has an account.
 */
export function dummyHash(): Promise<string> {
  return (dummy ??= hashPassword(randomBytes(24).toString('base64url')));
}

/**
 * A password an administrator hands over once (the account must replace it at first sign-in):
 * 16 characters from an alphabet without look-alikes (0/O, 1/l/I), about 93 bits.
 */
export function oneTimePassword(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return Array.from({ length: 16 }, () => alphabet[randomInt(alphabet.length)]).join('');
}
