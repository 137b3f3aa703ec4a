import { defineErrors } from '../../platform/errors/index.js';

/** Errors of search. Codes are stable: clients match on them. */
export const SearchErrors = defineErrors({
  QUERY_EMPTY: {
    status: 400,
    message: { en: 'Type something to search for.', 'zh-CN': '请输入检索词。' },
  },
  QUERY_TOO_LONG: {
    status: 400,
    message: { en: 'The search is too long: at most {max} characters.', 'zh-CN': '检索式太长，最多 {max} 个字符。' },
  },
  QUERY_TOO_COMPLEX: {
    status: 400,
    message: { en: 'The search has too many parts: at most {max} words and operators.', 'zh-CN': '检索式过于复杂，最多 {max} 个检索词和运算符。' },
  },
  QUERY_UNBALANCED_QUOTE: {
    status: 400,
    message: { en: 'A quotation mark is not closed (at position {offset}, “{near}”).', 'zh-CN': '引号没有闭合（第 {offset} 个字符，“{near}”）。' },
  },
  QUERY_UNBALANCED_PARENTHESIS: {
    status: 400,
    message: { en: 'A parenthesis is not matched (at position {offset}, “{near}”).', 'zh-CN': '括号不配对（第 {offset} 个字符，“{near}”）。' },
  },
  QUERY_OPERATOR_ALONE: {
    status: 400,
    message: { en: 'AND, OR or NOT needs a word on each side (at position {offset}, “{near}”).', 'zh-CN': 'AND、OR、NOT 两边都需要检索词（第 {offset} 个字符，“{near}”）。' },
  },
  QUERY_NOT_ALONE: {
    status: 400,
    message: { en: 'NOT excludes from something: add what to search for (at position {offset}).', 'zh-CN': 'NOT 用于排除，请同时给出要检索的内容（第 {offset} 个字符）。' },
  },
  QUERY_UNKNOWN_FIELD: {
    status: 400,
    message: {
      en: 'There is no search field “{near}”; use title, author, subject, publisher, series, isbn, issn, doi, callnumber, sysno, year, library or id.',
      'zh-CN': '没有检索字段“{near}”；可用 title、author、subject、publisher、series、isbn、issn、doi、callnumber、sysno、year、library、id。',
    },
  },
  QUERY_BAD_VALUE: {
    status: 400,
    message: { en: '“{near}” is not a value this field takes (at position {offset}).', 'zh-CN': '“{near}”不是该字段可接受的值（第 {offset} 个字符）。' },
  },
  CURSOR_INVALID: {
    status: 400,
    message: { en: 'The page cursor is not one this search gave out.', 'zh-CN': '翻页标记无效，不是本次检索给出的。' },
  },
  PAGE_TOO_DEEP: {
    status: 400,
    message: {
      en: 'Results are shown up to number {max}; narrow the search or page on with the cursor sorted by year or title.',
      'zh-CN': '检索结果最多显示到第 {max} 条；请缩小检索范围，或按年代、题名排序后用翻页标记继续。',
    },
  },
  SEARCH_TIMEOUT: {
    status: 503,
    message: { en: 'The search took too long and was stopped; try a narrower search.', 'zh-CN': '检索耗时过长已被中止，请缩小检索范围后再试。' },
  },
});
