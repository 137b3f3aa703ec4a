import { describe, expect, it } from 'vitest';
import { locales } from '../../../platform/i18n.js';
import { noticeEvents, renderNotice, type NoticeFacts } from './templates.js';

const facts: NoticeFacts = {
  requestId: 42, title: '红楼梦 <Dream>', articleTitle: null, readerName: 'Li Wei', borrowingLibrary: 'CN-BOR Library', lendingLibrary: 'CN-NEAR Library',
  pickupLocation: 'Main desk', dueDate: '2099-01-25', link: 'https://lib.example.org/api/v1/ill/copies/7/download?token=abc&x=1', expiresAt: '2099-02-01', downloads: 5, reason: 'no library could supply it.',
};

describe('e-mail notices: templates', () => {
  it('has every notice in both languages, as text and HTML, naming the request', () => {
    for (const event of noticeEvents) {
      for (const locale of locales) {
        const n = renderNotice(event, locale, facts);
        expect(n.subject, `${event} ${locale}`).toContain('ILL-42');
        expect(n.text).not.toMatch(/\{\w+\}/);
        expect(n.html).toContain(`<html lang="${locale}">`);
      }
    }
  });

  it('speaks the reader’s language', () => {
    expect(renderNotice('ready-for-pickup', 'zh-CN', facts)).toMatchObject({ subject: '可以取书了：红楼梦 <Dream>（ILL-42）' });
    expect(renderNotice('ready-for-pickup', 'zh-CN', facts).text).toContain('取书地点：Main desk');
    expect(renderNotice('ready-for-pickup', 'en', facts).text).toContain('Pickup: Main desk');
  });

  it('leaves out a line whose fact is missing, and escapes what goes into HTML', () => {
    const n = renderNotice('ready-for-pickup', 'en', { ...facts, pickupLocation: null });
    expect(n.text).not.toContain('Pickup');
    expect(n.html).toContain('红楼梦 &#60;Dream&#62;');
    expect(n.html).not.toContain('<Dream>');
  });

  it('puts the download link in the copy-delivered notice, clickable in HTML', () => {
    const n = renderNotice('copy-delivered', 'en', facts);
    expect(n.text).toContain(`Download: ${facts.link}`);
    expect(n.html).toContain('<a href="https://lib.example.org/api/v1/ill/copies/7/download?token=abc&#38;x=1">');
  });
});
