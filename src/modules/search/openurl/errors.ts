import { defineErrors } from '../../../platform/errors/index.js';

/** Errors of the OpenURL resolver (`/openurl`). Codes are stable: clients match on them. */
export const OpenUrlErrors = defineErrors({
  OPENURL_UNSUPPORTED_VERSION: {
    status: 400,
    message: {
      en: 'This resolver reads OpenURL 1.0 (Z39.88-2004) in KEV form and the 0.1 form; {field}={value} is not supported.',
      'zh-CN': '本解析器支持 KEV 格式的 OpenURL 1.0（Z39.88-2004）及 0.1 格式；不支持 {field}={value}。',
    },
  },
  OPENURL_NO_METADATA: {
    status: 400,
    message: {
      en: 'The link describes nothing to look for: give an ISBN, ISSN, DOI, OCLC number or LCCN, or a title (rft.btitle, rft.jtitle, rft.atitle, rft.title or title).',
      'zh-CN': '链接中没有可供查找的内容：请提供 ISBN、ISSN、DOI、OCLC 号或 LCCN，或题名（rft.btitle、rft.jtitle、rft.atitle、rft.title 或 title）。',
    },
  },
  OPENURL_TOO_LONG: {
    status: 400,
    message: {
      en: 'The link is too long ({length}; at most {limit} characters and {pairs} keys are read).',
      'zh-CN': '链接过长（{length}；最多读取 {limit} 个字符、{pairs} 个键）。',
    },
  },
});
