import { afterAll, beforeAll, expect, it } from 'vitest';
import { testApp, type TestApp } from '../support/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
}, 60_000);
afterAll(() => t?.close());

it('documents the identity-provider and sign-in routes, with the secret write-only', async () => {
  const res = await t.app.inject({ url: '/openapi.json' });
  expect(res.statusCode).toBe(200);
  const doc = res.json() as { paths: Record<string, Record<string, { requestBody?: unknown; responses?: Record<string, { content?: Record<string, { schema: unknown }> }> }>> };
  const providers = doc.paths['/api/v1/libraries/{symbol}/identity-providers']!;
  expect(Object.keys(providers).sort()).toEqual(['get', 'post']);
  expect(JSON.stringify(providers.post!.requestBody)).toContain('clientSecret');
  expect(JSON.stringify(providers.post!.responses!['201'])).not.toContain('clientSecret"');
  expect(doc.paths['/api/v1/auth/oidc/{providerId}/login']).toBeDefined();
  expect(doc.paths['/api/v1/auth/oidc/{providerId}/callback']).toBeDefined();
  expect(doc.paths['/api/v1/libraries/{symbol}/readers/{userId}']).toBeDefined();
});
