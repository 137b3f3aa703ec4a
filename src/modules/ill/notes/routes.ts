import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Principal } from '../../../platform/http/access.js';
import { librariesWith } from '../../../platform/http/authorize.js';
import { recordAudit, registerReaderDataHolder } from '../../identity/index.js';
import { IllErrors } from '../errors.js';
import { summariseMessage } from './message-summary.js';
import { notesStore, type DeskItemPlace, type MessageRow } from './notes.store.js';
import { deskItemParams, messageList, messageParams, messageWithXml, newNoteBody, noteList, noteView } from './schemas.js';

const tags = ['ill'];
type Side = 'borrowing' | 'lending';

/**
 * The desks' view of a request beyond its steps (issue 7): its ISO 18626 message log and staff
 * notes. Borrowing desk: `/ill/requests/{id}/…` (staff with `borrowing` in the borrowing library,
 * every message of the request). Lending desk: `/ill/supplier/{id}/…` (staff with `lending` in
 * the lending library, the messages of its own lending request). Notes belong to the request:
 * the staff of its libraries — the borrower and every lender asked — read them. Reading notes or
 * a message's XML (which may name the reader) is in the audit log with the reader, as other
 * reads of readers' data (issue 6).
 */
export const noteRoutes: FastifyPluginAsyncZod = async (app) => {
  const sides: { side: Side; base: string }[] = [
    { side: 'borrowing', base: '/ill/requests/:id' },
    { side: 'lending', base: '/ill/supplier/:id' },
  ];
  for (const { side, base } of sides) {
    const who = side === 'borrowing' ? 'the borrowing library’s staff' : 'the lending library’s staff';
    app.get(
      `${base}/messages`,
      { config: { access: 'signed-in' }, schema: { tags, summary: `The ISO 18626 messages of the request, oldest first (${who})`, params: deskItemParams, response: { 200: messageList } } },
      async (req) => {
        const place = await placeFor(req, side, req.params.id);
        return { items: (await notesStore.messages(app.db, place)).map(present) };
      },
    );

    app.get(
      `${base}/messages/:messageId`,
      { config: { access: 'signed-in' }, schema: { tags, summary: `One ISO 18626 message with its XML (${who}; recorded in the audit log)`, params: messageParams, response: { 200: messageWithXml } } },
      async (req) => {
        const place = await placeFor(req, side, req.params.id);
        const m = await notesStore.message(app.db, place, req.params.messageId);
        if (!m) throw IllErrors.ILL_REQUEST_NOT_FOUND({ id: req.params.id });
        await audit(req, 'ill.message.read', place, { message: m.id });
        return { ...present(m), xml: m.xml };
      },
    );

    app.get(
      `${base}/notes`,
      { config: { access: 'signed-in' }, schema: { tags, summary: `Staff notes on the request (${who}; recorded in the audit log)`, params: deskItemParams, response: { 200: noteList } } },
      async (req) => {
        const place = await placeFor(req, side, req.params.id);
        const notes = await notesStore.notes(app.db, place.requestId);
        if (notes.length) await audit(req, 'ill.request.notes.read', place, { notes: notes.length });
        return { items: notes.map((n) => ({ id: n.id, library: n.library, author: n.author, text: n.body, at: n.created_at })) };
      },
    );

    app.post(
      `${base}/notes`,
      {
        config: { access: 'signed-in' },
        schema: {
          tags,
          summary: `Add a staff note to the request (${who})`,
          description: 'Seen by the staff of the request’s libraries only. With `key`, sending the same note again (a retry) answers the note written the first time (200 instead of 201).',
          params: deskItemParams,
          body: newNoteBody,
          response: { 200: noteView, 201: noteView },
        },
      },
      async (req, reply) => {
        const place = await placeFor(req, side, req.params.id);
        const p = req.principal!;
        const author = p.displayName || p.email || 'staff';
        const written = await app.db.transaction(async (tx) => {
          const n = await notesStore.addNote(tx, { requestId: place.requestId, library: place.library, authorId: p.via === 'local' ? null : p.userId, author, body: req.body.text, key: req.body.key ?? null });
          if (n.created) await recordAudit(tx, { actor: p, action: 'ill.request.note', target: `ill-request:${place.requestId}`, library: place.library, details: { note: n.id, reader: place.readerId }, ip: req.ip, requestId: req.id });
          return n;
        });
        const note = (await notesStore.notes(app.db, place.requestId)).find((n) => n.id === written.id)!;
        return reply.code(written.created ? 201 : 200).send({ id: note.id, library: note.library, author: note.author, text: note.body, at: note.created_at });
      },
    );
  }

  /** The request or lending request, when the caller works at that desk; otherwise not found (ids of others reveal nothing). */
  async function placeFor(req: FastifyRequest, side: Side, id: number): Promise<DeskItemPlace> {
    const place = side === 'borrowing' ? await notesStore.requestPlace(app.db, id) : await notesStore.supplyPlace(app.db, id);
    if (!place || !worksAt(req.principal, side, place.library)) {
      throw side === 'borrowing' ? IllErrors.ILL_REQUEST_NOT_FOUND({ id }) : IllErrors.ILL_SUPPLY_NOT_FOUND({ id });
    }
    return place;
  }

  function audit(req: FastifyRequest, action: string, place: DeskItemPlace, details: Record<string, unknown>) {
    return recordAudit(app.db, { actor: req.principal, action, target: `ill-request:${place.requestId}`, library: place.library, details: { ...details, reader: place.readerId }, ip: req.ip, requestId: req.id });
  }
};

function worksAt(p: Principal | undefined, side: Side, library: string): boolean {
  const libraries = librariesWith(p, side);
  return libraries === 'all' || libraries.includes(library);
}

function present(m: MessageRow) {
  const { status, reason } = summariseMessage(m.xml);
  return { id: m.id, supplyId: m.supply_id, direction: m.direction, type: m.kind, version: m.version, status, reason, outcome: m.outcome, transport: m.transport, peer: m.peer, at: m.at };
}

// Notes may speak of the reader: in the reader's copy of their data, and blanked by the retention with the request.
registerReaderDataHolder({
  area: 'interlibraryLoanNotes',
  exportFor: (db, userId) => notesStore.notesAboutReader(db, userId),
  anonymiseEndedBefore: (db, endedBefore) => notesStore.blankEndedBefore(db, endedBefore),
});
