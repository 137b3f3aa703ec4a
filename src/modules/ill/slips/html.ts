/** Pull slips as one printable HTML page (pure): one slip a block, never split over two sheets. */
import type { Locale } from '../../../platform/i18n.js';
import { code128Svg } from './code128.js';
import { slipLabels as L, type PullSlip } from './pull-slips.js';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const css = `
@page { size: A4; margin: 12mm; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "PingFang SC", "Microsoft YaHei", sans-serif; font-size: 11pt; color: #000; margin: 0; }
h1 { font-size: 14pt; margin: 0 0 4mm; }
.slip { border: 1px dashed #000; padding: 4mm 5mm; margin: 0 0 5mm; break-inside: avoid; page-break-inside: avoid; display: grid; grid-template-columns: 1fr auto; gap: 2mm 6mm; }
.slip dl { margin: 0; display: grid; grid-template-columns: 7.5em 1fr; gap: 1mm 3mm; }
.slip dt { font-weight: bold; }
.slip dd { margin: 0; }
.slip .title { font-size: 12.5pt; font-weight: bold; }
.slip .code { text-align: center; font-family: monospace; font-size: 10pt; }
.barcode { display: block; }
@media screen { body { margin: 8mm; } }
@media print { h1 { display: none; } .slip { margin-bottom: 4mm; } }
`;

function slip(s: PullSlip, locale: Locale): string {
  const row = (label: string, value: string | null, cls = '') => `<dt>${esc(label)}</dt><dd${cls ? ` class="${cls}"` : ''}>${esc(value ?? L.none[locale])}</dd>`;
  const service = L[s.service as 'loan' | 'copy' | 'either']?.[locale] ?? s.service;
  return `<section class="slip" data-lending-request="${s.lendingRequestId}">
<dl>
${row(L.request[locale], `${s.barcode} (ILL-${s.requestId}) · ${service}`)}
${row(L.callNumber[locale], s.callNumbers.join('; ') || null, 'call-number')}
${row(L.title[locale], s.title, 'title')}
${row(L.author[locale], s.author)}
${s.part ? row(L.part[locale], s.part) : ''}
${row(L.requester[locale], `${s.requesterLibrary.name} (${s.requesterLibrary.symbol})`)}
${row(L.pickup[locale], s.pickupLocation)}
${row(L.neededBy[locale], s.neededBy)}
</dl>
<div class="code">${code128Svg(s.barcode)}<div>${esc(s.barcode)}</div></div>
</section>`;
}

export function pullSlipsHtml(slips: readonly PullSlip[], locale: Locale): string {
  const body = slips.length ? slips.map((s) => slip(s, locale)).join('\n') : `<p>${esc(L.empty[locale])}</p>`;
  return `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><title>${esc(L.heading[locale])}</title><style>${css}</style></head>
<body><h1>${esc(L.heading[locale])}</h1>
${body}
</body></html>
`;
}
