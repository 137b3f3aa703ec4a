import type { z } from 'zod';
import type { FieldProblem } from '../../../platform/errors/index.js';
import { fieldProblems } from '../../../platform/errors/problem.js';
import { localize, type Locale, type Localized } from '../../../platform/i18n.js';
import { codePattern, librarySymbolPattern } from './symbols.js';

/** Where in the input a problem is: `['libraries', 3, 'symbol']`, or `['line 5', 'symbol']` for CSV. */
export type FieldPath = (string | number)[];

/** What can be wrong with a directory entry beyond its shape. */
export const problemMessages = {
  duplicate: { en: 'duplicate: {value} appears already at {first}', 'zh-CN': '重复：{value} 已在 {first} 出现' },
  'unknown-library': { en: 'unknown library {value}', 'zh-CN': '未知的图书馆 {value}' },
  'unknown-alliance': { en: 'unknown alliance {value}', 'zh-CN': '未知的联盟 {value}' },
  cycle: { en: 'cycle {path}', 'zh-CN': '上级联盟形成循环：{path}' },
  'dates-reversed': { en: '{to} is before {from}', 'zh-CN': '{to} 早于 {from}' },
  'party-shape': { en: 'a party names either a library or an alliance', 'zh-CN': '协议的一方须为图书馆或联盟之一' },
  'not-json': { en: 'not valid JSON: {reason}', 'zh-CN': '不是有效的 JSON：{reason}' },
  'unknown-column': { en: 'unknown column {value}', 'zh-CN': '未知的列 {value}' },
  'missing-column': { en: 'the column {value} is missing', 'zh-CN': '缺少列 {value}' },
  'csv-syntax': { en: 'the CSV cannot be read: {reason}', 'zh-CN': '无法读取 CSV：{reason}' },
  'unknown-layout': {
    en: 'the header row fits no layout: a libraries file has a symbol column, an alliances file a code column, a memberships file alliance and library columns',
    'zh-CN': '表头不符合任何格式：图书馆文件须有 symbol 列，联盟文件须有 code 列，成员文件须有 alliance 和 library 列',
  },
  'cell-count': { en: 'expected {expected} cells as in the header, found {found}', 'zh-CN': '应有 {expected} 个单元格（与表头一致），实际为 {found} 个' },
  exists: { en: '{value} exists already', 'zh-CN': '{value} 已存在' },
  'key-change': { en: 'cannot be changed ({from} → {to})', 'zh-CN': '不可更改（{from} → {to}）' },
  restricted: { en: 'your account may not change this field', 'zh-CN': '您的账户无权修改此字段' },
  empty: { en: 'the file holds no entries', 'zh-CN': '文件中没有任何条目' },
} satisfies Record<string, Localized>;

export type ProblemCode = keyof typeof problemMessages;

/** Patterns explained in words rather than shown as regular expressions. */
const patternMessages = new Map<string, Localized>([
  [
    librarySymbolPattern.source,
    {
      en: 'not a library symbol: an ISIL such as CN-PKU, or PREFIX:value such as CALIS:211010',
      'zh-CN': '不是图书馆符号：应为 ISIL（如 CN-PKU）或“前缀:值”（如 CALIS:211010）',
    },
  ],
  [codePattern.source, { en: 'not a code: capital letters, digits and hyphens, such as CALIS-EAST-NORTH', 'zh-CN': '不是代码：应由大写字母、数字和连字符组成，如 CALIS-EAST-NORTH' }],
]);

/** One thing wrong with the input, not yet put into words (the request's language decides). */
export type Problem =
  | { path: FieldPath; code: ProblemCode; params?: Record<string, string | number> }
  | { path: FieldPath; code: 'schema'; issue: z.core.$ZodIssue };

/** The zod issues of one entry, placed at the entry's path in the document. */
export function schemaProblems(issues: readonly z.core.$ZodIssue[], at: FieldPath): Problem[] {
  return issues.flatMap((issue): Problem[] => {
    const path = [...at, ...(issue.path as (string | number)[])];
    // An unknown field is a problem of that field, one each, not of the object around it.
    if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => ({ path: [...path, key], code: 'schema', issue: { ...issue, keys: [key] } }));
    return [{ path, code: 'schema', issue }];
  });
}

/** `['libraries', 3, 'symbol']` → `libraries[3].symbol`, as people read paths. */
export function formatPath(path: FieldPath): string {
  return path.reduce<string>((acc, part) => (typeof part === 'number' ? `${acc}[${part}]` : acc ? `${acc}.${part}` : part), '') || '(document)';
}

/** The problems in the reader's language, as problem details' `errors[]`. */
export function renderProblems(problems: readonly Problem[], locale: Locale): FieldProblem[] {
  return problems.flatMap((p): FieldProblem[] => {
    if (p.code === 'schema') {
      const pattern = p.issue.code === 'invalid_format' && 'pattern' in p.issue ? patternMessages.get(String(p.issue.pattern).replace(/^\/(.*)\/\w*$/, '$1')) : undefined;
      if (pattern) return [{ field: formatPath(p.path), code: p.issue.code, message: localize(pattern, locale) }];
      // The platform words zod issues in the reader's language; the path is ours (CSV lines are named).
      // (The platform names an unknown key itself, after the path of the object that holds it.)
      const path = p.issue.code === 'unrecognized_keys' ? p.path.slice(0, -1) : p.path;
      return fieldProblems([{ ...p.issue, path } as z.core.$ZodIssue], locale);
    }
    return [{ field: formatPath(p.path), code: p.code, message: localize(problemMessages[p.code], locale, p.params) }];
  });
}
