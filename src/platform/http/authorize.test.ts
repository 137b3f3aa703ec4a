import type { FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import type { Principal } from './access.js';
import { decide } from './authorize.js';

const req = { params: { symbol: 'CN-A' } } as unknown as FastifyRequest;
const library = (r: FastifyRequest) => (r.params as { symbol: string }).symbol;
const staff = (lib: string, permissions: Principal['grants'][number]['permissions']): Principal => ({
  userId: 1,
  email: 's@example.org',
  displayName: 's',
  via: 'token',
  grants: [{ role: 'library-staff', library: lib, permissions }],
});

describe('an access rule naming several permissions', () => {
  const rule = { permission: ['lending', 'catalogue'] as const, library };

  it('lets in staff holding any one of them in the library the request names', () => {
    expect(decide(rule, staff('CN-A', ['catalogue']), req)).toEqual({ allowed: true });
    expect(decide(rule, staff('CN-A', ['lending']), req)).toEqual({ allowed: true });
  });

  it('refuses them in another library, and names every permission that would do', () => {
    expect(decide(rule, staff('CN-B', ['lending', 'catalogue']), req)).toEqual({ allowed: false, reason: 'forbidden', permission: 'lending | catalogue' });
    expect(decide(rule, staff('CN-A', ['statistics']), req)).toMatchObject({ allowed: false, reason: 'forbidden' });
  });

  it('asks a caller without an account to sign in first', () => {
    expect(decide(rule, undefined, req)).toMatchObject({ allowed: false, reason: 'unauthenticated' });
  });
});
