import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../test/support/app.js';

describe('the HTTP platform', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(() => t.close());

  it('is ready once the database answers and is migrated', async () => {
    const res = await t.app.inject('/readyz');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok' });
  });

  it('answers an unknown path with a problem document in the reader’s language', async () => {
    const res = await t.app.inject({ url: '/api/v1/nothing-here', headers: { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' } });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = res.json();
    expect(problem).toMatchObject({ status: 404, code: 'ROUTE_NOT_FOUND', title: '未找到' });
    expect(problem.detail).toContain('/api/v1/nothing-here');
    expect(problem.type).toBe('http://anylib.test/api/v1/errors/ROUTE_NOT_FOUND');
  });

  it('serves the OpenAPI description and the error catalogue', async () => {
    const api = await t.app.inject('/openapi.json');
    expect(api.statusCode).toBe(200);
    expect(api.json().openapi).toBe('3.1.0');
    const errors = await t.app.inject('/api/v1/errors/FORBIDDEN');
    expect(errors.json()).toMatchObject({ code: 'FORBIDDEN', status: 403 });
    expect(errors.json().message['zh-CN']).toMatch(/无权/);
  });

  it('echoes the caller’s request id', async () => {
    const res = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': 'abc-123' } });
    expect(res.headers['x-request-id']).toBe('abc-123');
  });

  it('says in both languages what is running at /', async () => {
    const res = await t.app.inject('/');
    expect(res.body).toContain('图书馆联盟');
    expect(res.body).toContain('library alliance');
    expect(res.body).toContain('href="/docs"');
  });
});
