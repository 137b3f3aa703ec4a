/**
 * What the ISO 18626 endpoint and federation tests share: messages a peer would send (written by
 * the codec), posting them, reading the confirmation, and the official XSD check with xmllint.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ingestRecords } from '../../src/modules/catalog/index.js';
import {
  agencyIdOfSymbol, parseMessage, writeMessage, type Iso18626Version, type iso18626,
} from '../../src/modules/ill/domain/index.js';
import { aBook, asInput } from '../catalog/records.js';
import { sharedPath } from '../support/shared.js';
import type { TestApp } from '../support/app.js';

const XSD: Record<Iso18626Version, string> = {
  '1.2': sharedPath('standards/iso18626/ISO-18626-v1_2.xsd'),
  '2021': sharedPath('standards/iso18626/ISO-18626-2021-2.xsd'),
};

/** xmllint's verdict on one text against the official XSD of the version: [] when valid. */
export function xsdErrors(version: Iso18626Version, xml: string): string[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'anylib-iso18626-'));
  try {
    const file = path.join(dir, 'm.xml');
    writeFileSync(file, xml);
    const run = spawnSync('xmllint', ['--noout', '--schema', XSD[version], file], { encoding: 'utf8' });
    if (run.error) throw run.error;
    const lines = run.stderr.split('\n');
    return lines.includes(`${file} validates`) ? [] : lines.filter((l) => l.trim() !== '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

let last = Date.parse('2030-01-01T00:00:00Z');
/** A timestamp never used before in this test file: two messages are never the same message by accident. */
export const stamp = (): string => new Date((last += 1000)).toISOString();

/** The header of a message between a requester and a supplier. */
export function header(o: { from: string; to: string; requestId: string; supplierRequestId?: string; direction: 'to-supplier' | 'to-requester' }): iso18626.AgencyMessageHeader {
  const [requester, supplier] = o.direction === 'to-supplier' ? [o.from, o.to] : [o.to, o.from];
  return {
    supplyingAgencyId: agencyIdOfSymbol(supplier), requestingAgencyId: agencyIdOfSymbol(requester), timestamp: stamp(), requestingAgencyRequestId: o.requestId,
    ...(o.supplierRequestId ? { supplyingAgencyRequestId: o.supplierRequestId } : {}),
  };
}

/** A SupplyingAgencyMessage from `lender` about our request `requestId`. */
export function sam(
  lender: string, borrower: string, requestId: number | string, info: { reasonForMessage: iso18626.SupplyingAgencyMessage['messageInfo']['reasonForMessage']; status: iso18626.SupplyingAgencyMessage['statusInfo']['status']; answerYesNo?: 'Y' | 'N'; dueDate?: string; note?: string },
): iso18626.SupplyingAgencyMessage {
  const h = header({ from: lender, to: borrower, requestId: typeof requestId === 'number' ? `ILL-${requestId}` : requestId, supplierRequestId: 'PEER-77', direction: 'to-requester' });
  return {
    kind: 'supplyingAgencyMessage', header: h,
    messageInfo: { reasonForMessage: info.reasonForMessage, ...(info.answerYesNo ? { answerYesNo: info.answerYesNo } : {}), ...(info.note ? { note: info.note } : {}) },
    statusInfo: { status: info.status, lastChange: h.timestamp, ...(info.dueDate ? { dueDate: info.dueDate } : {}) },
  };
}

export interface Posted {
  status: number;
  body: string;
  /** The confirmation as read back, when the answer is one. */
  kind?: string;
  messageStatus?: string;
  errorType?: string;
  errorValue?: string;
  version?: Iso18626Version;
}

/** Who posts: the app, and the secret the poster sends as `Authorization: Bearer` (none: a stranger). */
export interface Poster {
  app: TestApp['app'];
  secret?: string;
}

/** POSTs a message (XML text, or a model written in `version`) to /iso18626 of the app. */
export async function post(who: Poster, message: string | iso18626.Iso18626Message, version: Iso18626Version = '2021', contentType = 'application/xml'): Promise<Posted> {
  const xml = typeof message === 'string' ? message : writeMessage(message, version);
  const headers = { 'content-type': contentType, ...(who.secret ? { authorization: `Bearer ${who.secret}` } : {}) };
  const res = await who.app.inject({ method: 'POST', url: '/iso18626', headers, payload: xml });
  return readAnswer(res.statusCode, res.body);
}

export function readAnswer(status: number, body: string): Posted {
  const read = parseMessage(body);
  if (!read.ok || !('confirmationHeader' in read.message)) return { status, body };
  const m = read.message;
  const error = 'errorData' in m ? m.errorData?.[0] : undefined;
  return {
    status, body, kind: m.kind, messageStatus: m.confirmationHeader.messageStatus, version: read.version,
    ...(error ? { errorType: error.errorType, errorValue: error.errorValue ?? '' } : {}),
  };
}

/** Puts a book with a copy of `library` in the union catalogue; its cluster id. */
export async function holdBook(t: TestApp, library: string, book: { id: string; title: string; isbn: string }, barcode: string): Promise<number> {
  await ingestRecords(t.db, { library, records: [asInput(aBook({ ...book, author: 'Cao Xueqin', holding: { library, barcode } }))], via: 'test' });
  const [item] = (await t.app.inject({ method: 'GET', url: `/api/v1/libraries/${library}/items?barcode=${barcode}` })).json().items;
  return item.clusterId as number;
}
