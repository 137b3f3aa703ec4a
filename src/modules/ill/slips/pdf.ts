/**
 * Pull slips as PDF (pdfkit): three slips to an A4 page, cut along the dashed lines, each with
 * its Code 128 barcode drawn as bars. Text in Chinese needs a CJK font (cjk-font.ts).
 */
import PDFDocument from 'pdfkit';
import type { Locale } from '../../../platform/i18n.js';
import { cjkFont } from './cjk-font.js';
import { code128Bars } from './code128.js';
import { slipLabels as L, type PullSlip } from './pull-slips.js';

const PER_PAGE = 3;
const MARGIN = 34; // 12 mm
const A4 = { width: 595.28, height: 841.89 };

/** A PDF document of the slips, ended: pipe it to the answer. `font` says whether a CJK font was found. */
export function pullSlipsPdf(slips: readonly PullSlip[], locale: Locale): { doc: PDFKit.PDFDocument; cjk: boolean } {
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, info: { Title: L.heading[locale], Creator: 'Anylib' } });
  const font = cjkFont();
  if (font) doc.registerFont('slip', font.file, font.face);
  const face = font ? 'slip' : 'Helvetica';
  doc.font(face);
  const slotHeight = (A4.height - 2 * MARGIN) / PER_PAGE;
  const width = A4.width - 2 * MARGIN;
  if (!slips.length) doc.fontSize(12).text(L.empty[locale], MARGIN, MARGIN);
  slips.forEach((s, i) => {
    if (i > 0 && i % PER_PAGE === 0) doc.addPage();
    const top = MARGIN + (i % PER_PAGE) * slotHeight;
    doc.save().dash(4, { space: 3 }).lineWidth(0.5).rect(MARGIN, top + 4, width, slotHeight - 8).stroke().restore();
    const left = MARGIN + 12;
    const labelWidth = 80;
    const textWidth = width - 24 - labelWidth - 170;
    let y = top + 16;
    // A value takes at most `lines` lines (then an ellipsis): a long title never runs into the next slip.
    const row = (label: string, value: string | null, size = 10, lines = 2) => {
      doc.font(face).fontSize(9).fillColor('#444').text(label, left, y, { width: labelWidth });
      doc.fontSize(size).fillColor('#000').text(value ?? L.none[locale], left + labelWidth, y, { width: textWidth, height: lines * size * 1.3, ellipsis: true });
      y = Math.max(doc.y, y + 13) + 3;
    };
    const service = L[s.service as 'loan' | 'copy' | 'either']?.[locale] ?? s.service;
    row(L.request[locale], `${s.barcode} (ILL-${s.requestId}) · ${service}`);
    row(L.callNumber[locale], s.callNumbers.join('; ') || null, 12);
    row(L.title[locale], s.title, 12, 3);
    row(L.author[locale], s.author);
    if (s.part) row(L.part[locale], s.part);
    row(L.requester[locale], `${s.requesterLibrary.name} (${s.requesterLibrary.symbol})`);
    row(L.pickup[locale], s.pickupLocation);
    row(L.neededBy[locale], s.neededBy);
    // The barcode at the slip's right: a module 1.1 pt wide, 40 pt high, the text beneath.
    const { bars, width: modules } = code128Bars(s.barcode);
    const module = Math.min(1.1, 160 / modules);
    const x0 = MARGIN + width - 12 - modules * module;
    for (const [x, w] of bars) doc.rect(x0 + x * module, top + 18, w * module, 40).fill('#000');
    doc.font('Courier').fontSize(9).fillColor('#000').text(s.barcode, x0, top + 62, { width: modules * module, align: 'center' });
  });
  doc.end();
  return { doc, cjk: font !== null };
}
