import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '../../src/platform/paths.js';

/**
 * Every string of the web application is translated (issue 7): both resource files hold the same
 * keys (plural forms aside: Chinese has one, English two), with the same {{placeholders}}, and
 * every key the code names exists.
 */
type Tree = { [k: string]: string | Tree };
const load = (lang: string): Tree => JSON.parse(readFileSync(fromRoot('web', 'src', 'i18n', `${lang}.json`), 'utf8')) as Tree;
const languages = { en: load('en'), 'zh-CN': load('zh-CN') };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

/** `search.heldBy_one` and `search.heldBy_other` are the key `search.heldBy` (i18next's plural suffixes). */
const baseKey = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, '');
const placeholders = (text: string) => new Set([...text.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]));

function byBaseKey(tree: Tree): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const [key, text] of flatten(tree)) {
    const base = baseKey(key);
    const set = out.get(base) ?? new Set<string>();
    for (const p of placeholders(text)) set.add(p!);
    out.set(base, set);
  }
  return out;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [full] : [];
  });
}

/**
 * The keys the code names: the first argument of t('…') and i18nKey="…", and any other string
 * literal shaped like a key of a known namespace (keys kept in data, e.g. a form's problems). A
 * template literal (t(`search.sort.${s}`)) names a prefix that some key must start with.
 */
function keysUsed(): { exact: Map<string, string>; prefixes: Map<string, string> } {
  const namespaces = Object.keys(languages.en).join('|');
  const exact = new Map<string, string>();
  const prefixes = new Map<string, string>();
  const literal = new RegExp(`(['"])((?:${namespaces})\\.[\\w.-]+)\\1`, 'g');
  for (const file of sourceFiles(fromRoot('web', 'src'))) {
    const text = readFileSync(file, 'utf8');
    const where = path.relative(fromRoot(), file);
    for (const m of text.matchAll(/\bt\(\s*(['"])([^'"]+)\1/g)) exact.set(m[2]!, where);
    for (const m of text.matchAll(/i18nKey=(['"])([^'"]+)\1/g)) exact.set(m[2]!, where);
    for (const m of text.matchAll(literal)) exact.set(m[2]!, where);
    for (const m of text.matchAll(/\b(?:t|exists)\(\s*`([^`]*)`/g)) {
      const tpl = m[1]!;
      if (tpl.includes('${')) prefixes.set(tpl.slice(0, tpl.indexOf('${')), where);
      else exact.set(tpl, where);
    }
  }
  return { exact, prefixes };
}

describe('the web application’s translations', () => {
  const keys = { en: byBaseKey(languages.en), 'zh-CN': byBaseKey(languages['zh-CN']) };

  it('has every key in both Chinese and English', () => {
    const missingInZh = [...keys.en.keys()].filter((k) => !keys['zh-CN'].has(k));
    const missingInEn = [...keys['zh-CN'].keys()].filter((k) => !keys.en.has(k));
    expect(missingInZh, 'keys missing in zh-CN.json').toEqual([]);
    expect(missingInEn, 'keys missing in en.json').toEqual([]);
  });

  it('uses the same {{placeholders}} in both languages', () => {
    const differing = [...keys.en.entries()]
      .filter(([k, en]) => {
        const zh = keys['zh-CN'].get(k);
        return zh && [...en].sort().join() !== [...zh].sort().join();
      })
      .map(([k]) => k);
    expect(differing).toEqual([]);
  });

  it('has no empty text', () => {
    for (const [lang, tree] of Object.entries(languages)) {
      const empty = [...flatten(tree)].filter(([, v]) => !v.trim()).map(([k]) => k);
      expect(empty, lang).toEqual([]);
    }
  });

  it('has every key the code names, in both languages', () => {
    const { exact, prefixes } = keysUsed();
    expect(exact.size).toBeGreaterThan(50); // the scan finds the code's keys at all
    for (const [lang, set] of Object.entries(keys)) {
      const missing = [...exact].filter(([k]) => !set.has(k)).map(([k, file]) => `${k} (${file})`);
      expect(missing, `keys used in web/src but missing in ${lang}.json`).toEqual([]);
      const noPrefix = [...prefixes].filter(([p]) => ![...set.keys()].some((k) => k.startsWith(p))).map(([p, file]) => `${p}… (${file})`);
      expect(noPrefix, `key prefixes used in web/src with no key in ${lang}.json`).toEqual([]);
    }
  });
});
