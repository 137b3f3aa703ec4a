/**
 * The e-mail notices of interlibrary loan, in the reader's language (zh-CN or en), as plain
 * text and HTML (pure). A template names its facts in braces; what is missing is left out with
 * its line, so a notice never shows an empty "Pickup: ".
 */
import type { Locale, Localized } from '../../../platform/i18n.js';

export const noticeEvents = ['new-request', 'shipped', 'ready-for-pickup', 'due-soon', 'overdue', 'overdue-reminder', 'recalled', 'copy-delivered', 'cancelled', 'copyright-clearance', 'answer-due'] as const;
export type NoticeEvent = (typeof noticeEvents)[number];

/** The facts a notice may tell. */
export interface NoticeFacts {
  requestId: number;
  title: string;
  articleTitle?: string | null;
  author?: string | null;
  readerName?: string | null;
  borrowingLibrary?: string | null;
  lendingLibrary?: string | null;
  pickupLocation?: string | null;
  neededBy?: string | null;
  dueDate?: string | null;
  /** copy-delivered: the signed link, until when, how many downloads. */
  link?: string | null;
  expiresAt?: string | null;
  downloads?: number | null;
  /** cancelled: why, in the reader's words. */
  reason?: string | null;
}

interface Template {
  subject: Localized;
  /** Lines of the body; a line with a fact that is missing is left out. */
  lines: Localized[];
}

const greeting: Localized = { en: 'Dear {readerName},', 'zh-CN': '{readerName}，您好：' };
const item: Localized = { en: 'Item: {title}', 'zh-CN': '文献：{title}' };
const article: Localized = { en: 'Article or chapter: {articleTitle}', 'zh-CN': '篇章：{articleTitle}' };
const neededBy: Localized = { en: 'Needed by: {neededBy}', 'zh-CN': '需要日期：{neededBy}' };
const signature: Localized = { en: '{borrowingLibrary} – interlibrary loan', 'zh-CN': '{borrowingLibrary} 馆际互借' };

const templates: Record<NoticeEvent, Template> = {
  'new-request': {
    subject: { en: 'New interlibrary loan request ILL-{requestId} from {borrowingLibrary}', 'zh-CN': '新的馆际互借请求 ILL-{requestId}（来自 {borrowingLibrary}）' },
    lines: [
      { en: '{borrowingLibrary} asks your library for an item.', 'zh-CN': '{borrowingLibrary} 向贵馆提出馆际互借请求。' },
      item, article,
      { en: 'Author: {author}', 'zh-CN': '责任者：{author}' },
      neededBy,
      { en: 'Please answer it at the lending desk.', 'zh-CN': '请在借出工作台处理。' },
    ],
  },
  'answer-due': {
    subject: { en: 'Please answer today: interlibrary loan request ILL-{requestId} from {borrowingLibrary}', 'zh-CN': '请于今日答复：馆际互借请求 ILL-{requestId}（来自 {borrowingLibrary}）' },
    lines: [
      { en: '{borrowingLibrary} is waiting for your answer to the request below. Today is your last working day to answer; after it, the request goes to the next library.', 'zh-CN': '{borrowingLibrary} 正在等待贵馆答复以下请求。今天是答复的最后一个工作日，逾期未答复的请求将转至下一家图书馆。' },
      item, article,
      neededBy,
      { en: 'Please answer it at the lending desk (will supply, unfilled, or expect to supply).', 'zh-CN': '请在借出工作台答复（可以提供、无法提供或预计可以提供）。' },
    ],
  },
  shipped: {
    subject: { en: 'Your interlibrary loan ILL-{requestId} is on its way', 'zh-CN': '您的馆际互借 ILL-{requestId} 已寄出' },
    lines: [
      greeting,
      { en: '{lendingLibrary} has sent the item you asked for. We will write again when it is ready for you to collect.', 'zh-CN': '{lendingLibrary} 已寄出您申请的文献，到馆后我们将另行通知您取书。' },
      item,
      signature,
    ],
  },
  'ready-for-pickup': {
    subject: { en: 'Ready for pickup: {title} (ILL-{requestId})', 'zh-CN': '可以取书了：{title}（ILL-{requestId}）' },
    lines: [
      greeting,
      { en: 'The item you asked for has arrived and is waiting for you.', 'zh-CN': '您申请的文献已到馆，请前来领取。' },
      item,
      { en: 'Pickup: {pickupLocation}', 'zh-CN': '取书地点：{pickupLocation}' },
      signature,
    ],
  },
  'due-soon': {
    subject: { en: 'Due soon: {title} (ILL-{requestId}), on {dueDate}', 'zh-CN': '即将到期：{title}（ILL-{requestId}），{dueDate} 到期' },
    lines: [
      greeting,
      { en: 'Please return the interlibrary loan below by {dueDate}; it belongs to {lendingLibrary}.', 'zh-CN': '以下馆际互借文献属于 {lendingLibrary}，请于 {dueDate} 前归还。' },
      item,
      signature,
    ],
  },
  overdue: {
    subject: { en: 'Overdue: {title} (ILL-{requestId})', 'zh-CN': '已逾期：{title}（ILL-{requestId}）' },
    lines: [
      greeting,
      { en: 'The interlibrary loan below was due on {dueDate}. Please bring it back as soon as you can: another library lent it to us.', 'zh-CN': '以下馆际互借文献已于 {dueDate} 到期，该书借自其他图书馆，请尽快归还。' },
      item,
      signature,
    ],
  },
  'overdue-reminder': {
    subject: { en: 'Still overdue: {title} (ILL-{requestId})', 'zh-CN': '仍未归还：{title}（ILL-{requestId}）' },
    lines: [
      greeting,
      { en: 'A reminder: the interlibrary loan below was due on {dueDate} and has not come back yet. Please return it as soon as you can: another library lent it to us.', 'zh-CN': '温馨提醒：以下馆际互借文献已于 {dueDate} 到期，至今尚未归还。该书借自其他图书馆，请尽快归还。' },
      item,
      signature,
    ],
  },
  recalled: {
    subject: { en: 'Recalled: {title} (ILL-{requestId})', 'zh-CN': '召回通知：{title}（ILL-{requestId}）' },
    lines: [
      greeting,
      { en: '{lendingLibrary} needs the item below back. Please return it as soon as you can.', 'zh-CN': '{lendingLibrary} 需要收回以下文献，请尽快归还。' },
      item,
      { en: 'Please return it by {dueDate}.', 'zh-CN': '请于 {dueDate} 前归还。' },
      signature,
    ],
  },
  'copy-delivered': {
    subject: { en: 'Your copy is ready to download (ILL-{requestId})', 'zh-CN': '您的文献传递复制件可以下载了（ILL-{requestId}）' },
    lines: [
      greeting,
      { en: 'The copy you asked for has been delivered.', 'zh-CN': '您申请的复制件已送达。' },
      item, article,
      { en: 'Download: {link}', 'zh-CN': '下载链接：{link}' },
      { en: 'The link works until {expiresAt} for {downloads} downloads; then the file is deleted.', 'zh-CN': '链接有效期至 {expiresAt}，可下载 {downloads} 次，之后文件将被删除。' },
      { en: 'The copy is for your private study or research only.', 'zh-CN': '本复制件仅供个人学习与研究使用。' },
      signature,
    ],
  },
  'copyright-clearance': {
    subject: { en: 'Copyright clearance needed: ILL-{requestId}', 'zh-CN': '待版权审核：ILL-{requestId}' },
    lines: [
      { en: 'A copy request is over a copyright limit of your library and waits for your decision.', 'zh-CN': '一项复制请求超出本馆的版权限额，等待您审核。' },
      item, article,
      { en: 'Reader: {readerName}', 'zh-CN': '读者：{readerName}' },
      { en: 'Rules over their limit: {reason}', 'zh-CN': '超出限额的规则：{reason}' },
      { en: 'Approve it (with the reason) or refuse it at the borrowing desk.', 'zh-CN': '请在借入工作台批准（注明理由）或拒绝。' },
    ],
  },
  cancelled: {
    subject: { en: 'Interlibrary loan ILL-{requestId} cancelled', 'zh-CN': '馆际互借 ILL-{requestId} 已取消' },
    lines: [
      greeting,
      { en: 'Your request below has been cancelled.', 'zh-CN': '您的以下请求已取消。' },
      item, article,
      { en: 'Reason: {reason}', 'zh-CN': '原因：{reason}' },
      signature,
    ],
  },
};

/** Why a request ended, in the reader's words (the `reason` fact of a cancelled notice). */
export const cancelReasons: Record<string, Localized> = {
  unfilled: { en: 'no library could supply it.', 'zh-CN': '没有图书馆能够提供。' },
  copyright: { en: 'it is over the copyright limit for this journal.', 'zh-CN': '超出该期刊的版权限额。' },
};

const slot = /\{(\w+)\}/g;
const missing = (v: unknown) => v === undefined || v === null || v === '';

function fill(text: string, facts: NoticeFacts, escape: (s: string) => string): string | undefined {
  const names = [...text.matchAll(slot)].map((m) => m[1]!);
  if (names.some((n) => missing((facts as unknown as Record<string, unknown>)[n]))) return undefined;
  return text.replace(slot, (_, n: string) => escape(String((facts as unknown as Record<string, unknown>)[n])));
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export interface RenderedNotice {
  subject: string;
  text: string;
  html: string;
}

/** The notice of an event for one recipient, in their language. */
export function renderNotice(event: NoticeEvent, locale: Locale, facts: NoticeFacts): RenderedNotice {
  const t = templates[event];
  const subject = fill(t.subject[locale], facts, (s) => s) ?? fill(t.subject[locale].replace(/[:：]?\s*\{title\}/, ''), facts, (s) => s) ?? `ILL-${facts.requestId}`;
  const text = t.lines.map((l) => fill(l[locale], facts, (s) => s)).filter((l): l is string => l !== undefined);
  const html = t.lines
    .map((l) => fill(l[locale], facts, escapeHtml))
    .filter((l): l is string => l !== undefined)
    // A link is a link in HTML; the rest is text.
    .map((l) => `<p>${facts.link ? l.replace(escapeHtml(facts.link), `<a href="${escapeHtml(facts.link)}">${escapeHtml(facts.link)}</a>`) : l}</p>`);
  return {
    subject,
    text: text.join('\n\n') + '\n',
    html: `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body>${html.join('\n')}</body></html>\n`,
  };
}
