import { describe, expect, it } from 'vitest';
import { throttleDecision, type ThrottlePolicy } from './throttle.js';

const policy: ThrottlePolicy = { maxPerAccount: 5, maxPerAddress: 20, windowSeconds: 900 };
const now = new Date('2026-11-23T12:00:00Z');
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);
const times = (n: number, everySeconds: number, from = 0) => Array.from({ length: n }, (_, i) => ago(from + i * everySeconds));

describe('sign-in throttling', () => {
  it('lets a fourth and a fifth attempt through after failures', () => {
    expect(throttleDecision({ accountFailures: times(4, 10), addressFailures: times(4, 10), now }, policy)).toEqual({ allowed: true });
  });

  it('locks an e-mail address after five failures until the oldest of them is 15 minutes old', () => {
    // Failures 0, 60, 120, 180, 240 seconds ago: the one 240 s ago leaves the window in 660 s.
    const decision = throttleDecision({ accountFailures: times(5, 60), addressFailures: [], now }, policy);
    expect(decision).toEqual({ allowed: false, reason: 'account', retryAfterSeconds: 660 });
  });

  it('forgets failures older than the window', () => {
    expect(throttleDecision({ accountFailures: times(5, 60, 901), addressFailures: [], now }, policy)).toEqual({ allowed: true });
    // Four recent and one old: below the limit.
    const mixed = [...times(4, 10), ago(1000)];
    expect(throttleDecision({ accountFailures: mixed, addressFailures: [], now }, policy).allowed).toBe(true);
  });

  it('locks a client address after twenty failures, whatever addresses it tried', () => {
    const decision = throttleDecision({ accountFailures: [], addressFailures: times(20, 30), now }, policy);
    expect(decision).toEqual({ allowed: false, reason: 'address', retryAfterSeconds: 900 - 19 * 30 });
  });

  it('asks for the longer wait when both limits are reached', () => {
    const decision = throttleDecision({ accountFailures: times(5, 1), addressFailures: times(20, 1, 600), now }, policy);
    expect(decision).toMatchObject({ allowed: false, reason: 'account', retryAfterSeconds: 896 });
  });

  it('never asks to wait less than a second', () => {
    const decision = throttleDecision({ accountFailures: times(5, 0, 899.9), addressFailures: [], now }, policy);
    expect(decision).toMatchObject({ allowed: false, retryAfterSeconds: 1 });
  });

  it('takes the failures in any order', () => {
    const shuffled = [ago(240), ago(0), ago(120), ago(60), ago(180)];
    expect(throttleDecision({ accountFailures: shuffled, addressFailures: [], now }, policy)).toMatchObject({ retryAfterSeconds: 660 });
  });
});
