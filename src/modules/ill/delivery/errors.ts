import { defineErrors } from '../../../platform/errors/index.js';

/** Errors of document delivery (scans and the reader's download links). Codes are stable. */
export const DeliveryErrors = defineErrors({
  ILL_COPY_NOT_MULTIPART: {
    status: 415,
    message: { en: 'Send the scan as multipart/form-data with one file part named "file".', 'zh-CN': '请以 multipart/form-data 上传扫描件，文件部分名为 "file"。' },
  },
  ILL_COPY_FILE_MISSING: {
    status: 400,
    message: { en: 'The form has no file part named "file".', 'zh-CN': '表单中没有名为 "file" 的文件部分。' },
  },
  ILL_COPY_EMPTY: {
    status: 400,
    message: { en: 'The scan is empty.', 'zh-CN': '扫描件为空。' },
  },
  ILL_COPY_NOT_PDF: {
    status: 415,
    message: { en: 'The scan must be a PDF file (it does not begin with %PDF-).', 'zh-CN': '扫描件必须是 PDF 文件（文件头不是 %PDF-）。' },
  },
  ILL_COPY_TOO_LARGE: {
    status: 413,
    message: { en: 'The scan is larger than {limit} MB.', 'zh-CN': '扫描件超过 {limit} MB。' },
  },
  ILL_COPY_NOT_EXPECTED: {
    status: 409,
    message: {
      en: 'Lending request {id} takes no scan now: it is a {service} request in state “{state}”. A copy is uploaded after it was accepted and before it is delivered.',
      'zh-CN': '借出请求 {id} 现在不能上传扫描件：服务类型 {service}，状态“{state}”。复制件须在接受请求后、传递之前上传。',
    },
  },
  ILL_COPY_NOT_FOUND: {
    status: 404,
    message: { en: 'There is no delivered copy {id} you may download.', 'zh-CN': '没有您可下载的复制件 {id}。' },
  },
  ILL_COPY_GONE: {
    status: 410,
    message: {
      en: 'This copy can no longer be downloaded: its link expired or its downloads are used up, and the file has been deleted. Ask your library for a new delivery.',
      'zh-CN': '该复制件已无法下载：链接已过期或下载次数已用完，文件已删除。如需再次获取，请联系您的图书馆。',
    },
  },
});
