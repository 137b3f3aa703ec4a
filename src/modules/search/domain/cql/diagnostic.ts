/**
 * SRU diagnostics (the list at http://www.loc.gov/standards/sru/diagnostics/diagnosticsList.html,
 * URIs `info:srw/diagnostic/1/N`): what a CQL query or an SRU request is refused with.
 */
import type { Localized } from '../../../../platform/i18n.js';

export interface SruDiagnostic {
  /** The number in the SRU diagnostics list. */
  code: number;
  /** The list's "details format": an index name, a parameter name, a character offset… */
  details: string;
  /** What went wrong in plain words (both languages), added to the message. */
  reason?: Localized;
}

export const diagnosticUri = (code: number): string => `info:srw/diagnostic/1/${code}`;

/** The list's descriptions of the diagnostics Anylib sends, in both languages. */
export const DIAGNOSTIC_TEXTS: Readonly<Record<number, Localized>> = {
  1: { en: 'General system error', 'zh-CN': '系统错误' },
  2: { en: 'System temporarily unavailable', 'zh-CN': '系统暂时不可用' },
  4: { en: 'Unsupported operation', 'zh-CN': '不支持的操作' },
  5: { en: 'Unsupported version', 'zh-CN': '不支持的版本' },
  6: { en: 'Unsupported parameter value', 'zh-CN': '不支持的参数值' },
  7: { en: 'Mandatory parameter not supplied', 'zh-CN': '缺少必需的参数' },
  8: { en: 'Unsupported parameter', 'zh-CN': '不支持的参数' },
  10: { en: 'Query syntax error', 'zh-CN': '检索式语法错误' },
  12: { en: 'Too many characters in query', 'zh-CN': '检索式字符过多' },
  13: { en: 'Invalid or unsupported use of parentheses', 'zh-CN': '括号使用无效或不受支持' },
  14: { en: 'Invalid or unsupported use of quotes', 'zh-CN': '引号使用无效或不受支持' },
  15: { en: 'Unsupported context set', 'zh-CN': '不支持的上下文集' },
  16: { en: 'Unsupported index', 'zh-CN': '不支持的检索点' },
  19: { en: 'Unsupported relation', 'zh-CN': '不支持的关系' },
  20: { en: 'Unsupported relation modifier', 'zh-CN': '不支持的关系修饰符' },
  22: { en: 'Unsupported combination of relation and index', 'zh-CN': '该检索点不支持此关系' },
  27: { en: 'Empty term unsupported', 'zh-CN': '不支持空检索词' },
  28: { en: 'Masking character not supported', 'zh-CN': '不支持此掩码字符' },
  29: { en: 'Masked words too short', 'zh-CN': '截词过短' },
  31: { en: 'Anchoring character not supported', 'zh-CN': '不支持锚定字符' },
  33: { en: 'Combination of proximity/adjacency and masking characters not supported', 'zh-CN': '邻近/短语检索不能与掩码字符同用' },
  36: { en: 'Term in invalid format for index or relation', 'zh-CN': '检索词格式不适用于该检索点或关系' },
  38: { en: 'Too many boolean operators in query', 'zh-CN': '检索式中布尔运算符过多' },
  39: { en: 'Proximity not supported', 'zh-CN': '不支持邻近检索' },
  46: { en: 'Unsupported boolean modifier', 'zh-CN': '不支持的布尔修饰符' },
  48: { en: 'Query feature unsupported', 'zh-CN': '不支持该检索功能' },
  61: { en: 'First record position out of range', 'zh-CN': '起始记录位置超出范围' },
  65: { en: 'Record does not exist', 'zh-CN': '记录不存在' },
  66: { en: 'Unknown schema for retrieval', 'zh-CN': '未知的记录格式' },
  71: { en: 'Unsupported record packing', 'zh-CN': '不支持的记录封装方式' },
  84: { en: 'Too many sort keys to sort', 'zh-CN': '排序键过多' },
  88: { en: 'Unsupported path for sort', 'zh-CN': '不支持按此排序' },
  90: { en: 'Unsupported direction value', 'zh-CN': '不支持的排序方向' },
};

export const diag = (code: number, details: string, reason?: Localized): SruDiagnostic => (reason === undefined ? { code, details } : { code, details, reason });

/** A reason in both languages: `say('the query is empty', '检索式为空')`. */
export const say = (en: string, zh: string): Localized => ({ en, 'zh-CN': zh });
