import { defineErrors } from '../../platform/errors/index.js';

/** Errors of the directory of the network. Codes are stable: clients match on them. */
export const NetworkErrors = defineErrors({
  LIBRARY_NOT_FOUND: {
    status: 404,
    message: { en: 'There is no library {symbol} in the directory.', 'zh-CN': '名录中没有图书馆 {symbol}。' },
  },
  ALLIANCE_NOT_FOUND: {
    status: 404,
    message: { en: 'There is no alliance {code} in the directory.', 'zh-CN': '名录中没有联盟 {code}。' },
  },
  AGREEMENT_NOT_FOUND: {
    status: 404,
    message: { en: 'There is no agreement {code}.', 'zh-CN': '没有协议 {code}。' },
  },
  MEMBER_NOT_FOUND: {
    status: 404,
    message: { en: '{library} is not a member of {alliance}.', 'zh-CN': '{library} 不是 {alliance} 的成员馆。' },
  },
  LIBRARY_EXISTS: {
    status: 409,
    message: { en: 'A library with the symbol {symbol} exists already.', 'zh-CN': '符号为 {symbol} 的图书馆已存在。' },
  },
  ALLIANCE_EXISTS: {
    status: 409,
    message: { en: 'An alliance with the code {code} exists already.', 'zh-CN': '代码为 {code} 的联盟已存在。' },
  },
  AGREEMENT_EXISTS: {
    status: 409,
    message: { en: 'An agreement with the code {code} exists already.', 'zh-CN': '代码为 {code} 的协议已存在。' },
  },
  MEMBER_EXISTS: {
    status: 409,
    message: { en: '{library} is a member of {alliance} already.', 'zh-CN': '{library} 已是 {alliance} 的成员馆。' },
  },
  KEY_CHANGE: {
    status: 400,
    message: {
      en: 'The {field} of an entry cannot be changed ({from} → {to}); add a new entry instead.',
      'zh-CN': '条目的 {field} 不可更改（{from} → {to}），请新建条目。',
    },
  },
  REFERENCE_NOT_FOUND: {
    status: 404,
    message: { en: '{count} field(s) name a library or alliance that does not exist.', 'zh-CN': '有 {count} 个字段引用了不存在的图书馆或联盟。' },
  },
  DUPLICATE_ENTRY: {
    status: 409,
    message: { en: '{count} field(s) repeat an entry listed already.', 'zh-CN': '有 {count} 个字段与已列出的条目重复。' },
  },
  ALLIANCE_CYCLE: {
    status: 409,
    message: {
      en: 'The alliance hierarchy would have a cycle: an alliance cannot be its own ancestor.',
      'zh-CN': '联盟层级将出现循环：联盟不能成为自己的上级。',
    },
  },
  IN_USE: {
    status: 409,
    message: {
      en: '{target} is still referred to ({by}); remove those references first.',
      'zh-CN': '{target} 仍被引用（{by}），请先解除这些引用。',
    },
  },
  FIELDS_RESTRICTED: {
    status: 403,
    message: {
      en: 'Your account may change only {allowed} of this entry.',
      'zh-CN': '您的账户只能修改此条目的 {allowed}。',
    },
  },
  IMPORT_INVALID: {
    status: 400,
    message: {
      en: 'The file has {count} problem(s); nothing was imported.',
      'zh-CN': '文件中有 {count} 个问题，未导入任何内容。',
    },
  },
});
