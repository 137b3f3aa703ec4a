import type { AllianceDoc, LibraryDoc } from '../../src/modules/network/index.js';
import type { TestApp } from '../support/app.js';
import { anAdmin } from '../support/accounts.js';

/** A library entry with plausible defaults: `aLibrary({ symbol: 'CN-A', province: 'CN-JS' })`. */
export function aLibrary(overrides: Partial<LibraryDoc> & { symbol: string }): LibraryDoc {
  return {
    name: { zh: `${overrides.symbol} 图书馆`, en: `${overrides.symbol} Library` },
    type: 'university',
    province: 'CN-JS',
    city: { zh: '南京', en: 'Nanjing' },
    contacts: [{ name: 'ILL office', role: 'ill', email: `ill@${overrides.symbol.toLowerCase().replace(/[^a-z0-9]/g, '')}.example.org`, phone: '+86 25 0000 0000' }],
    lendingPolicy: { lendsReturnables: true, suppliesCopies: true, loanPeriodDays: 30, renewals: 1 },
    ...overrides,
  };
}

/** An alliance entry: `anAlliance({ code: 'TEST', members: [...] })`. */
export function anAlliance(overrides: Partial<AllianceDoc> & { code: string }): AllianceDoc {
  return { name: { zh: `${overrides.code} 联盟`, en: `${overrides.code} Alliance` }, kind: 'provincial', tier: 'provincial', ...overrides };
}

/** Loads a directory through the import API as a network administrator. */
export async function loadDirectory(t: TestApp, document: { libraries?: LibraryDoc[]; alliances?: AllianceDoc[]; agreements?: unknown[] }): Promise<void> {
  const admin = await anAdmin(t);
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/network/import', headers: admin.headers, payload: document });
  if (res.statusCode !== 200) throw new Error(`loading the test directory failed: ${res.body}`);
}
