import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '../../../platform/paths.js';
import { checkDocument, type Directory } from './check-document.js';
import { networkDocumentSchema } from './document.js';
import { formatPath, renderProblems } from './problems.js';

const demo: unknown = JSON.parse(readFileSync(fromRoot('demo/network.json'), 'utf8'));
const empty: Directory = { libraries: new Set(), alliances: new Map() };
const lib = (symbol: string, extra: object = {}) => ({ symbol, name: { zh: '馆', en: 'Library' }, type: 'public', province: 'CN-JS', ...extra });
const alliance = (code: string, extra: object = {}) => ({ code, name: { zh: '盟', en: 'Alliance' }, kind: 'provincial', tier: 'provincial', ...extra });
const fields = (doc: unknown, directory = empty) => renderProblems(checkDocument(doc, directory).problems, 'en').map((p) => `${p.field}: ${p.message}`);

describe('checking a network document', () => {
  it('accepts the demo network as it is', () => {
    expect(networkDocumentSchema.safeParse(demo).success).toBe(true);
    const checked = checkDocument(demo, empty);
    expect(checked.problems).toEqual([]);
    expect([checked.libraries.length, checked.alliances.length, checked.agreements.length]).toEqual([137, 36, 9]);
  });

  it('reports duplicate symbols and codes at the repeating entry', () => {
    expect(fields({ libraries: [lib('CN-A'), lib('CN-B'), lib('CN-A')], alliances: [alliance('X'), alliance('X')] })).toEqual([
      'libraries[2].symbol: duplicate: CN-A appears already at libraries[0]',
      'alliances[1].code: duplicate: X appears already at alliances[0]',
    ]);
  });

  it('resolves references against the file and the directory, and names the ones that resolve to nothing', () => {
    const directory: Directory = { libraries: new Set(['CN-OLD']), alliances: new Map([['CALIS', null]]) };
    const doc = {
      libraries: [lib('CN-NEW')],
      alliances: [alliance('JALIS', { parent: 'CALIS', managementCentre: 'CN-GONE', members: [{ library: 'CN-NEW', role: 'member' }, { library: 'CN-OLD', role: 'member' }, { library: 'CN-NONE', role: 'member' }] })],
      agreements: [{ code: 'AG', name: { zh: '协', en: 'Ag' }, parties: [{ alliance: 'JALIS' }, { alliance: 'NSTL' }], validFrom: '2024-01-01' }],
    };
    expect(fields(doc, directory)).toEqual([
      'alliances[0].managementCentre: unknown library CN-GONE',
      'alliances[0].members[2].library: unknown library CN-NONE',
      'agreements[0].parties[1].alliance: unknown alliance NSTL',
    ]);
  });

  it('finds cycles in the hierarchy, also through alliances already in the directory', () => {
    expect(fields({ alliances: [alliance('A', { parent: 'A' })] })).toEqual(['alliances[0].parent: cycle A → A']);
    // The directory has CALIS → (none) and JALIS → CALIS; the file makes CALIS a child of JALIS.
    const directory: Directory = { libraries: new Set(), alliances: new Map([['CALIS', null], ['JALIS', 'CALIS']]) };
    expect(fields({ alliances: [alliance('CALIS', { parent: 'JALIS' })] }, directory)).toEqual(['alliances[0].parent: cycle CALIS → JALIS → CALIS']);
  });

  it('reports every shape problem of every entry at once, with its path', () => {
    const problems = checkDocument({ libraries: [lib('CN-A', { fte: 'lots' }), lib('bad symbol'), 'not an object'], branches: [] }, empty).problems;
    expect(problems.map((p) => formatPath(p.path))).toEqual(['branches', 'libraries[0].fte', 'libraries[1].symbol', 'libraries[2]']);
  });

  it('counts a malformed entry as present, so references to it are not reported as well', () => {
    const doc = { libraries: [lib('CN-A', { type: 'castle' })], alliances: [alliance('X', { members: [{ library: 'CN-A', role: 'member' }] })] };
    expect(fields(doc)).toEqual([expect.stringMatching(/^libraries\[0\]\.type: /)]);
  });

  it('checks the order of dates and the shape of agreement parties', () => {
    const doc = {
      libraries: [lib('CN-A', { closedDays: [{ from: '2027-02-01', to: '2027-01-01' }] })],
      agreements: [{ code: 'AG', name: { zh: '协', en: 'Ag' }, parties: [{ library: 'CN-A', alliance: 'X' }, {}], validFrom: '2024-01-01' }],
    };
    expect(fields(doc)).toEqual([
      'libraries[0].closedDays[0].to: 2027-01-01 is before 2027-02-01',
      'agreements[0].parties[0]: a party names either a library or an alliance',
      'agreements[0].parties[1]: a party names either a library or an alliance',
    ]);
  });

  it('says what is wrong in Chinese too', () => {
    const zh = renderProblems(checkDocument({ alliances: [alliance('A', { parent: 'B' }), alliance('B', { parent: 'A' })] }, empty).problems, 'zh-CN');
    expect(zh[0]).toMatchObject({ field: 'alliances[0].parent', message: '上级联盟形成循环：A → B → A' });
  });
});
