import type { Db, Queryable } from '../../../platform/db/index.js';
import type { Principal } from '../../../platform/http/access.js';
import type { Locale } from '../../../platform/i18n.js';
import { recordAudit } from '../../identity/index.js';
import { diffRecords } from '../domain/diff/index.js';
import { isControlField, isDataField, type Flavour, type MarcRecord } from '../domain/marc/index.js';
import { toMarcRecord, validateRecord, type EditedRecord } from '../domain/validation/index.js';
import { NetworkErrors } from '../../network/index.js';
import { ingestRecords, libraryProfile } from '../ingest/index.js';
import { RecordErrors } from './errors.js';
import { versionFromIfMatch } from './presenters.js';
import { recordByLocalId, type HeldRecord } from './store.js';

/** Who edits, from the request: the principal (for rights, version authorship and the audit log). */
export interface Editor {
  principal: Principal | undefined;
  ip?: string;
  requestId?: string;
  locale: Locale;
}

/** The user a version is credited to: none for the CLI's local principal (no row in users). */
const userIdOf = (e: Editor): number | null => (e.principal && e.principal.via !== 'local' ? e.principal.userId : null);

/**
 * Refuses a change made to a version other than the present one (a lost update): `If-Match`
 * names the version the cataloguer opened. An existing live record cannot be replaced without
 * it (428); a stale one is refused (412).
 */
function checkVersion(held: HeldRecord | undefined, ifMatch: string | undefined, localId: string, required: boolean): void {
  const wanted = versionFromIfMatch(ifMatch);
  const live = held && !held.deletedAt;
  if (wanted === undefined) {
    if (live && required) throw RecordErrors.VERSION_REQUIRED({ localId, version: held.version });
    return;
  }
  if (wanted === 'any') return;
  if (!held || held.version !== wanted) throw RecordErrors.VERSION_CONFLICT({ localId, version: held?.version ?? 0, expected: Number.isNaN(wanted) ? ifMatch : wanted });
}

/**
 * Makes the record carry its local id where the library's profile reads it: 001 is set by the
 * system when missing; any other place (`035$a` …) must hold it already.
 */
function withLocalId(input: EditedRecord, localId: string, field: string, locale: Locale): EditedRecord {
  if (field === '001') {
    const i = input.fields.findIndex((f) => f.tag === '001');
    if (i < 0) return { ...input, fields: [{ tag: '001', value: localId }, ...input.fields] };
    const v = input.fields[i]!.value?.trim();
    if (v !== undefined && v !== '' && v !== localId) throw mismatch('001', v, localId, `fields[${i}] 001`, locale);
    const fields = [...input.fields];
    fields[i] = { tag: '001', value: localId };
    return { ...input, fields };
  }
  const [tag, code] = field.split('$') as [string, string | undefined];
  const found = input.fields.find((f) => f.tag === tag)?.subfields?.find((s) => s.code === code)?.value.trim();
  if (found !== localId) throw mismatch(field, found ?? '—', localId, `fields ${field}`, locale);
  return input;
}

function mismatch(field: string, value: string, localId: string, at: string, locale: Locale) {
  const message = locale === 'zh-CN' ? `应为本地标识 ${localId}。` : `must be the local id ${localId}.`;
  return RecordErrors.LOCAL_ID_MISMATCH({ field, value, localId }, [{ field: at, message, code: 'local-id-mismatch' }]);
}

export interface SavedRecord {
  created: boolean;
  unchanged: boolean;
  record: HeldRecord;
}

/**
 * A cataloguer's save of a whole record: validated in its format (every problem at once, 400),
 * checked against the version the cataloguer opened, then stored through the one ingest path
 * (versions, clusters and holdings follow) and written to the audit log.
 */
export async function saveRecord(
  db: Db,
  symbol: string,
  localId: string,
  body: { flavour?: Flavour; leader: string; fields: EditedRecord['fields']; note?: string },
  ifMatch: string | undefined,
  editor: Editor,
): Promise<SavedRecord> {
  const profile = await libraryProfile(db, symbol);
  if (!profile) throw NetworkErrors.LIBRARY_NOT_FOUND({ symbol });
  const held = await recordByLocalId(db, symbol, localId);
  checkVersion(held, ifMatch, localId, true);
  const flavour: Flavour = body.flavour ?? held?.flavour ?? (profile.flavour === 'auto' ? 'marc21' : profile.flavour);
  const edited = withLocalId({ leader: body.leader, fields: body.fields }, localId, profile.localIdField, editor.locale);
  // Validated without the 001 the system put in front, so that `fields[i]` in a problem is the
  // cataloguer's own field i.
  const problems = validateRecord(edited.fields.length > body.fields.length ? body : edited, flavour);
  if (problems.length > 0) {
    throw RecordErrors.RECORD_INVALID(
      { count: problems.length },
      problems.map((p) => ({ field: p.field, message: p.message[editor.locale], code: p.code })),
    );
  }
  const record = toMarcRecord(edited);
  const diff = held && !held.deletedAt ? diffRecords(held.record, record) : undefined;
  const result = await ingestRecords(db, {
    library: symbol,
    records: [{ record, flavour, sourceFormat: 'api' }],
    via: 'edit',
    actor: { userId: userIdOf(editor) },
    // Inside the write's transaction: the version checked again (a change saved by someone else
    // since the check above rolls this one back: no lost update even then) and the audit entry,
    // written with the change or not at all.
    afterChunk: async (tx, outcome) => {
      const { created, updated } = outcome.counts;
      if (created + updated === 0) return;
      const { rows } = await tx.query<{ version: number }>('SELECT version FROM records WHERE library_id = $1 AND local_id = $2', [profile.libraryId, localId]);
      const expected = held ? held.version + 1 : 1;
      if (rows[0]?.version !== expected) throw RecordErrors.VERSION_CONFLICT({ localId, version: (rows[0]?.version ?? 1) - 1, expected: held?.version ?? 0 });
      await audit(tx, editor, created > 0 ? 'record.create' : 'record.update', symbol, localId, {
        version: expected,
        ...(body.note ? { note: body.note } : {}),
        ...(diff ? { fieldsChanged: diff.fields.map((c) => `${c.change} ${c.tag}`), leaderChanged: diff.leader !== undefined } : {}),
      });
    },
  });
  if (result.rejects.length > 0) {
    const problems = result.rejects.flatMap((r) => r.problems);
    throw RecordErrors.RECORD_INVALID(
      { count: problems.length },
      problems.map((p) => ({ field: [p.field, p.subfield ? `$${p.subfield}` : ''].filter(Boolean).join(' ') || '(record)', message: p.reason, code: p.code })),
    );
  }
  const saved = (await recordByLocalId(db, symbol, localId))!;
  return { created: result.created > 0, unchanged: result.unchanged > 0, record: saved };
}

/** A cataloguer's deletion: the record stays (deleted) with its history; its holdings go and its cluster follows. */
export async function deleteRecord(db: Db, symbol: string, localId: string, ifMatch: string | undefined, editor: Editor): Promise<void> {
  const held = await recordByLocalId(db, symbol, localId);
  if (!held) throw RecordErrors.RECORD_NOT_FOUND({ symbol, localId });
  if (held.deletedAt) throw RecordErrors.RECORD_DELETED({ symbol, localId, version: held.version });
  checkVersion(held, ifMatch, localId, false);
  await ingestRecords(db, {
    library: symbol,
    records: [{ kind: 'delete', localId }],
    via: 'delete',
    actor: { userId: userIdOf(editor) },
    afterChunk: async (tx, outcome) => {
      if (outcome.counts.deleted > 0) await audit(tx, editor, 'record.delete', symbol, localId, { version: held.version, title: titleOf(held.record) });
    },
  });
}

const titleOf = (r: MarcRecord): string =>
  r.fields.filter(isDataField).find((f) => f.tag === '245' || f.tag === '200')?.subfields.find((s) => s.code === 'a')?.value ?? (r.fields.find(isControlField)?.value ?? '');

async function audit(db: Queryable, e: Editor, action: string, symbol: string, localId: string, details: Record<string, unknown>): Promise<void> {
  await recordAudit(db, { actor: e.principal, action, target: `record:${symbol}/${localId}`, library: symbol, details, ip: e.ip, requestId: e.requestId });
}
