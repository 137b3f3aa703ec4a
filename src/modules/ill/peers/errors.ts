import { defineErrors } from '../../../platform/errors/index.js';

/** Errors of the ISO 18626 peers' settings. Codes are stable. */
export const PeerErrors = defineErrors({
  ILL_PEER_LIBRARY_NOT_FOUND: {
    status: 404,
    message: { en: 'There is no library {symbol} in the directory; add it before giving its ISO 18626 address.', 'zh-CN': '目录中没有图书馆 {symbol}；请先添加该馆，再设置其 ISO 18626 地址。' },
  },
  ILL_PEER_NOT_FOUND: {
    status: 404,
    message: { en: 'Library {symbol} is not served by another system: it has no ISO 18626 address here.', 'zh-CN': '图书馆 {symbol} 不由其他系统服务：此处没有其 ISO 18626 地址。' },
  },
  ILL_PEER_UNAUTHENTICATED: {
    status: 401,
    message: {
      en: 'This ISO 18626 endpoint answers peers only: send the secret this deployment issued to your library as Authorization: Bearer.',
      'zh-CN': '此 ISO 18626 端点只应答对等系统：请以 Authorization: Bearer 发送本系统为贵馆签发的密钥。',
    },
  },
});
