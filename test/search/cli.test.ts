import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Target } from '../../src/cli/context.js';
import { CliError } from '../../src/cli/context.js';
import { formatResult, rebuild, runSearch } from '../../src/cli/commands/search.js';
import { ingestRecords } from '../../src/modules/catalog/index.js';
import { importNetwork } from '../../src/modules/network/index.js';
import { testApp, type TestApp } from '../support/app.js';
import { aLibrary } from '../network/factories.js';
import { aBook, asInput } from '../catalog/records.js';

describe('anylib search and anylib index rebuild on the database', () => {
  let t: TestApp;
  let onDb: Target;
  beforeAll(async () => {
    t = await testApp();
    onDb = { kind: 'db', db: t.db, close: async () => undefined };
    await importNetwork(t.db, { libraries: [aLibrary({ symbol: 'CN-CLS' })] });
    await ingestRecords(t.db, {
      library: 'CN-CLS',
      records: [
        aBook({ id: 'c1', title: '骆驼祥子', author: '老舍', year: 1955, holding: { library: 'CN-CLS', barcode: 'B1' } }),
        aBook({ id: 'c2', title: '茶馆', author: '老舍', year: 1958 }),
      ].map(asInput),
      via: 'test',
    });
  });
  afterAll(async () => t.close());

  it('indexes what the catalogue noted, then prints the hits with their holdings, in the terminal’s language', async () => {
    const result = await runSearch(onDb, '駱駝祥子', { facets: true }, 'zh-CN');
    expect(result.total).toBe(1);
    const text = formatResult(result, 'zh-CN');
    expect(text).toContain('1. 骆驼祥子 / 老舍 (1955) [图书]');
    expect(text).toContain('1 馆收藏，1 册可借');
    expect(text).toMatch(/文献类型: 图书 \(1\)/);
    const en = formatResult(await runSearch(onDb, 'laoshe', {}, 'en'), 'en');
    expect(en).toMatch(/^2 results for laoshe/);
  });

  it('reports a query it cannot read in the terminal’s language, with exit code 2', async () => {
    const failure = runSearch(onDb, '"骆驼', {}, 'zh-CN');
    await expect(failure).rejects.toBeInstanceOf(CliError);
    await expect(failure).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining('引号没有闭合') });
  });

  it('rebuilds the index and says how many documents it holds', async () => {
    expect(await rebuild(onDb)).toMatch(/2 documents|2 条文献/);
  });
});
