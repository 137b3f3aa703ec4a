import type { Localized } from '../../../../platform/i18n.js';
import { format } from '../../../../platform/i18n.js';

/**
 * What a cataloguer is told about each kind of problem, in both languages. Placeholders are
 * filled from the problem's params; codes are stable (clients may match on them).
 */
export const validationMessages = {
  'leader-length': { en: 'The leader has {length} characters; it must have 24.', 'zh-CN': '头标区有 {length} 个字符，应为 24 个。' },
  'leader-value': {
    en: 'Leader position {position} ({name}) is “{value}”; allowed: {allowed}.',
    'zh-CN': '头标区第 {position} 位（{name}）为“{value}”，允许的值：{allowed}。',
  },
  'tag-invalid': { en: 'The tag “{tag}” is not three letters or digits.', 'zh-CN': '字段标识符“{tag}”不是三个字母或数字。' },
  'control-field-shape': {
    en: 'Field {tag} is a control field: a value, without indicators or subfields.',
    'zh-CN': '{tag} 字段是控制字段：只有字段值，没有指示符和子字段。',
  },
  'data-field-shape': {
    en: 'Field {tag} is a data field: two indicators and subfields, not a bare value.',
    'zh-CN': '{tag} 字段是数据字段：应有两个指示符和子字段，而不是单一的值。',
  },
  'control-field-empty': { en: 'Control field {tag} is empty.', 'zh-CN': '控制字段 {tag} 为空。' },
  'control-field-length': {
    en: 'Field {tag} has {length} characters; it must have {expected}.',
    'zh-CN': '{tag} 字段有 {length} 个字符，应为 {expected} 个。',
  },
  'indicator-invalid': {
    en: 'Indicator {n} of field {tag} is “{value}”; an indicator is one blank or one digit.',
    'zh-CN': '{tag} 字段的第 {n} 指示符为“{value}”；指示符应为一个空格或一个数字。',
  },
  'indicator-not-allowed': {
    en: 'Indicator {n} of field {tag} is “{value}”; allowed: {allowed}.',
    'zh-CN': '{tag} 字段的第 {n} 指示符为“{value}”，允许的值：{allowed}。',
  },
  'no-subfields': { en: 'Field {tag} has no subfields.', 'zh-CN': '{tag} 字段没有子字段。' },
  'subfield-code-invalid': {
    en: 'Subfield code “{code}” in field {tag} is not one lowercase letter or digit.',
    'zh-CN': '{tag} 字段中的子字段代码“{code}”不是一个小写字母或数字。',
  },
  'subfield-empty': { en: 'Subfield ${code} of field {tag} is empty.', 'zh-CN': '{tag} 字段的 ${code} 子字段为空。' },
  'field-required': { en: 'Field {tag} is required in a {format} record.', 'zh-CN': '{format} 记录必须有 {tag} 字段。' },
  'subfield-required': {
    en: 'Field {tag} needs subfield ${code}.',
    'zh-CN': '{tag} 字段必须有 ${code} 子字段。',
  },
  'subfield-length': {
    en: 'Subfield ${code} of field {tag} has {length} characters; it must have {expected}.',
    'zh-CN': '{tag} 字段的 ${code} 子字段有 {length} 个字符，应为 {expected} 个。',
  },
  'field-not-repeatable': {
    en: 'Field {tag} may appear only once; this is occurrence {occurrence}.',
    'zh-CN': '{tag} 字段不可重复；这是第 {occurrence} 次出现。',
  },
  'main-entry-repeated': {
    en: 'A record has at most one main entry ({tags}); {tag} is another.',
    'zh-CN': '一条记录至多有一个主要款目（{tags}）；{tag} 是多出的一个。',
  },
} satisfies Record<string, Localized>;

export type ValidationCode = keyof typeof validationMessages;

/** Both languages of a problem's message, placeholders filled. */
export function messagesOf(code: ValidationCode, params: Record<string, unknown>): Localized {
  const m = validationMessages[code];
  return { en: format(m.en, params), 'zh-CN': format(m['zh-CN'], params) };
}
