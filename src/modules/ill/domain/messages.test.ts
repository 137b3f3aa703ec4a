import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { actionLabels, illMessage, illMessages, regionNames, stateLabels } from './messages.js';
import { requesterMachine } from './state/requester.js';
import { supplierMachine } from './state/supplier.js';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/** Every `'ILL_…'` code written in the domain's source (not its tests). */
function codesInSource(dir: string): Set<string> {
  const codes = new Set<string>();
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts') || entry.name.endsWith('.test.ts') || entry.name === 'messages.ts') continue;
    const text = readFileSync(path.join(entry.parentPath, entry.name), 'utf8');
    for (const m of text.matchAll(/'(ILL_[A-Z0-9_]+)'/g)) codes.add(m[1]!);
  }
  return codes;
}

describe('the ILL messages table', () => {
  it('has a text for every code the domain can return', () => {
    const codes = codesInSource(import.meta.dirname);
    expect(codes.size).toBeGreaterThan(50);
    expect([...codes].filter((c) => !(c in illMessages))).toEqual([]);
  });

  it('says everything in both languages, with the same placeholders', () => {
    for (const [code, text] of Object.entries(illMessages)) {
      expect(text.en.trim(), code).not.toBe('');
      expect(text['zh-CN'].trim(), code).not.toBe('');
      expect(text['zh-CN'], `${code} is not translated`).not.toBe(text.en);
      expect(placeholders(text['zh-CN']), code).toEqual(placeholders(text.en));
    }
  });

  it('names every state and every action of both machines in both languages', () => {
    for (const m of [requesterMachine, supplierMachine]) {
      for (const s of m.states) expect(stateLabels[s], s).toMatchObject({ en: expect.any(String), 'zh-CN': expect.any(String) });
      for (const t of m.transitions) if ('actors' in t.on) expect(actionLabels[t.on.action], t.on.action).toBeDefined();
    }
    for (const table of [stateLabels, actionLabels, regionNames]) for (const v of Object.values(table)) expect(v.en && v['zh-CN']).toBeTruthy();
  });

  it('puts states, actions, regions and directory names into words', () => {
    expect(illMessage({ code: 'ILL_ACTION_NOT_ALLOWED', params: { action: 'ship', state: 'new' } }, 'zh-CN')).toBe('请求处于“新建”时不能执行“寄出”。');
    expect(illMessage({ code: 'ILL_ACTION_NOT_ALLOWED', params: { action: 'ship', state: 'new' } }, 'en')).toBe('“ship” is not possible while the request is new.');
    expect(illMessage({ code: 'ILL_ROTA_SAME_REGION', params: { region: 'east' } }, 'zh-CN')).toBe('同一地区（华东）。');
    expect(illMessage({ code: 'ILL_ROTA_SAME_PROVINCE', params: { province: 'CN-JS' } }, 'en', { province: () => 'Jiangsu' })).toBe('In the same province (Jiangsu).');
    expect(illMessage({ code: 'ILL_ROTA_CLOSED_UNTIL', params: { until: '2027-03-15' } }, 'zh-CN')).toBe('闭馆至 2027-03-15。');
  });

  it('shows a code it does not know as the code', () => {
    expect(illMessage({ code: 'SOMETHING_NEW' }, 'en')).toBe('SOMETHING_NEW');
  });
});
