import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoRecords } from '../../src/modules/catalog/index.js';
import { importNetwork } from '../../src/modules/network/index.js';
import { fromRoot } from '../../src/platform/paths.js';
import { testApp, type TestApp } from '../support/app.js';

describe('demo records', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
    await importNetwork(t.db, JSON.parse(readFileSync(fromRoot('demo', 'network.json'), 'utf8')));
  });
  afterAll(() => t.close());

  it('spreads the real records over the demo libraries, with clusters held by several of them; loading again changes nothing', async () => {
    const first = await loadDemoRecords(t.db);
    expect(first.created).toBeGreaterThan(1500);
    expect(first.rejected).toBe(0);
    const { rows } = await t.db.query<{ shared: number; clusters: number }>(
      'SELECT count(*) FILTER (WHERE holding_count >= 2)::int AS shared, count(*) FILTER (WHERE record_count > 0)::int AS clusters FROM clusters',
    );
    expect(rows[0]!.shared / rows[0]!.clusters).toBeGreaterThan(0.25);
    const again = await loadDemoRecords(t.db);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: first.created });
  });
});
