import { describe, expect, it } from 'vitest';
import { checkMembershipRows, documentToCsv, inCsvTerms, readCsv } from './csv.js';
import { entryToRow, layouts, rowToEntry } from './csv-layouts.js';
import type { LibraryDoc } from './document.js';
import { formatPath } from './problems.js';

const pku: LibraryDoc = {
  symbol: 'CN-PKU',
  name: { zh: '北京大学图书馆', en: 'Peking University Library' },
  type: 'university',
  province: 'CN-BJ',
  city: { zh: '北京', en: 'Beijing' },
  coordinates: { lat: 39.9929, lon: 116.3106 },
  fte: 50000,
  contacts: [{ name: 'ILL, "DD" office', role: 'ill', email: 'ill@lib.pku.edu.cn' }],
  endpoints: { iso18626: 'https://ill.lib.pku.edu.cn/iso18626' },
  lendingPolicy: { lendsReturnables: true, suppliesCopies: false, loanPeriodDays: 30, excludedMaterialTypes: ['serial', 'thesis'], fees: { currency: 'CNY', copyPerPage: 0.3 } },
  closedDays: [{ from: '2027-01-23', to: '2027-02-21', reason: { zh: '寒假', en: 'Winter vacation' } }],
  targetLendBorrowRatio: 2.6,
};

describe('the CSV layouts of the directory', () => {
  it('writes a library as one flat row and reads it back the same', () => {
    const row = entryToRow(layouts.libraries, pku);
    expect(row.slice(0, 5)).toEqual(['CN-PKU', '北京大学图书馆', 'Peking University Library', 'university', 'CN-BJ']);
    expect(row[layouts.libraries.findIndex((c) => c.name === 'excluded_material_types')]).toBe('serial; thesis');
    expect(rowToEntry(layouts.libraries, row)).toEqual({ entry: pku, errors: [] });
  });

  it('reads a whole file whatever the order of its columns, skipping empty cells', () => {
    const csv = documentToCsv({ libraries: [pku] }, 'libraries');
    const content = readCsv(csv);
    expect(content).toMatchObject({ layout: 'libraries', document: { libraries: [pku] }, lines: [2], problems: [] });
    const reordered = readCsv('province,symbol,name_en,name_zh,type,fte\r\nCN-SH,CN-SHL,Shanghai Library,上海图书馆,public,\r\n');
    expect(reordered).toMatchObject({ layout: 'libraries', document: { libraries: [{ symbol: 'CN-SHL', province: 'CN-SH', type: 'public' }] }, problems: [] });
  });

  it('tells the layout from the header row', () => {
    expect(readCsv('code,name_zh,name_en,kind,tier\nJALIS,江苏,Jiangsu,provincial,provincial\n').layout).toBe('alliances');
    expect(readCsv('alliance,library,role\nJALIS,CN-NJU,member\n').layout).toBe('memberships');
    expect(readCsv('name,email\nx,y\n')).toMatchObject({ layout: undefined, problems: [{ code: 'unknown-layout' }] });
  });

  it('names unknown and missing columns, rows of the wrong length and cells that are not JSON', () => {
    const content = readCsv('symbol,name_zh,colour,contacts\nCN-A,甲,red,[oops\nCN-B\n');
    const found = content.problems.map((p) => `${formatPath(p.path)} ${p.code}`);
    expect(found).toEqual(
      expect.arrayContaining(['line 1.colour unknown-column', 'line 1 missing-column', 'line 2.contacts not-json', 'line 3 cell-count']),
    );
  });

  it('names the line and column of a problem found in the entries', () => {
    const moved = inCsvTerms({ path: ['libraries', 1, 'lendingPolicy', 'fees', 'loan'], code: 'schema', issue: { code: 'custom', path: [], message: '', input: 0 } }, 'libraries', [2, 5]);
    expect(formatPath(moved.path)).toBe('line 5.fee_loan');
    const inJson = inCsvTerms({ path: ['libraries', 0, 'contacts', 1, 'email'], code: 'schema', issue: { code: 'custom', path: [], message: '', input: 0 } }, 'libraries', [7]);
    expect(formatPath(inJson.path)).toBe('line 7.contacts[1].email');
    const duplicate = inCsvTerms({ path: ['libraries', 1, 'symbol'], code: 'duplicate', params: { value: 'CN-A', first: 'libraries[0]' } }, 'libraries', [2, 3]);
    expect(duplicate).toMatchObject({ path: ['line 3', 'symbol'], params: { first: 'line 2' } });
  });

  it('groups membership rows by alliance and checks them against the directory', () => {
    const content = readCsv('alliance,library,role,joined\nJALIS,CN-NJU,management-centre,1997-01-01\nJALIS,CN-SEU,member,\nJALIS,CN-NJU,member,\nNOPE,CN-X,member,\n');
    if (content.layout !== 'memberships') throw new Error('not read as memberships');
    const { members, problems } = checkMembershipRows(content.rows, { libraries: new Set(['CN-NJU', 'CN-SEU']), alliances: new Map([['JALIS', null]]) });
    expect(members.get('JALIS')?.slice(0, 2)).toEqual([
      { library: 'CN-NJU', role: 'management-centre', joined: '1997-01-01' },
      { library: 'CN-SEU', role: 'member' },
    ]);
    expect(problems.map((p) => `${formatPath(p.path)} ${p.code}`)).toEqual(['line 4.library duplicate', 'line 5.alliance unknown-alliance', 'line 5.library unknown-library']);
  });
});
