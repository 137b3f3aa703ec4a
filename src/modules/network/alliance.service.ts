import { isSqlState, SqlState, type Db, type Queryable } from '../../platform/db/index.js';
import { recordNetworkAudit } from './audit.js';
import { allianceStore, type AllianceFilter, type AllianceRecord } from './alliance.store.js';
import { canonicalAllianceFields, canonicalGovernance } from './domain/canonical.js';
import { allianceProblems } from './domain/checks.js';
import type { AllianceDoc, AllianceFields, GovernanceBody, Member } from './domain/document.js';
import { renderProblems } from './domain/problems.js';
import { changedFields, sameValue, withoutUndefined } from './domain/same.js';
import { NetworkErrors } from './errors.js';
import { inUse, librariesNamedBy, lockHierarchy, merged, referencesFor, refuse, type ChangeContext } from './service-support.js';

/** A change to an alliance: the whole entry (PUT) or some fields (PATCH). Members and governance, when given, replace the lists. */
export type AllianceChange = { replace: Omit<AllianceDoc, 'code'> & { code?: string } } | { patch: Record<string, unknown> };

export async function findAlliance(db: Queryable, code: string): Promise<AllianceRecord> {
  const found = await allianceStore.byCode(db, code);
  if (!found) throw NetworkErrors.ALLIANCE_NOT_FOUND({ code });
  return found;
}

export function listAlliances(db: Db, filter: AllianceFilter) {
  return allianceStore.list(db, filter);
}

const memberDocs = (members: readonly Member[]): Member[] => members.map((m) => withoutUndefined({ library: m.library, role: m.role, joined: m.joined }));

/** Checks an alliance entry against the directory; refuses it with every problem named. */
async function checkAgainstDirectory(tx: Queryable, doc: AllianceDoc, ctx: ChangeContext): Promise<void> {
  const refs = await referencesFor(tx, librariesNamedBy(doc), { code: doc.code, parent: doc.parent });
  const problems = allianceProblems(doc, [], refs);
  if (problems.length) refuse(problems, ctx.locale);
}

/** Adds an alliance, with its members and governance when given. */
export async function createAlliance(db: Db, input: AllianceDoc, ctx: ChangeContext): Promise<AllianceRecord> {
  return db.transaction(async (tx) => {
    await lockHierarchy(tx);
    const fields = canonicalAllianceFields(input);
    const doc: AllianceDoc = { ...fields, members: input.members, governance: input.governance && canonicalGovernance(input.governance) };
    if (await allianceStore.byCode(tx, doc.code)) {
      throw NetworkErrors.ALLIANCE_EXISTS({ code: doc.code }, renderProblems([{ path: ['code'], code: 'exists', params: { value: doc.code } }], ctx.locale));
    }
    await checkAgainstDirectory(tx, doc, ctx);
    let id: number;
    try {
      id = await allianceStore.insert(tx, fields);
    } catch (err) {
      if (isSqlState(err, SqlState.uniqueViolation)) throw NetworkErrors.ALLIANCE_EXISTS({ code: doc.code }, [], err);
      throw err;
    }
    await allianceStore.setParent(tx, id, fields.parent);
    if (doc.members) await allianceStore.replaceMembers(tx, id, doc.members);
    if (doc.governance) await allianceStore.replaceGovernance(tx, id, doc.governance);
    await recordNetworkAudit(tx, ctx.actor, { action: 'alliance.create', target: `alliance:${doc.code}`, alliance: doc.code });
    return (await allianceStore.byCode(tx, doc.code))!;
  });
}

/** Changes an alliance: its own fields, and its members or governance when the change gives them. */
export async function changeAlliance(db: Db, code: string, change: AllianceChange, ctx: ChangeContext): Promise<AllianceRecord> {
  return db.transaction(async (tx) => {
    await lockHierarchy(tx);
    const current = await findAlliance(tx, code);
    const given: AllianceDoc =
      'replace' in change ? ({ ...change.replace, code: change.replace.code ?? code } as AllianceDoc) : (merged<AllianceDoc>(current.fields, change.patch) as AllianceDoc);
    if (given.code !== code) {
      const params = { field: 'code', from: code, to: given.code };
      throw NetworkErrors.KEY_CHANGE(params, renderProblems([{ path: ['code'], code: 'key-change', params }], ctx.locale));
    }
    const fields = canonicalAllianceFields(given);
    const members = given.members && memberDocs(given.members);
    const governance = given.governance && canonicalGovernance(given.governance);
    await checkAgainstDirectory(tx, { ...fields, members, governance }, ctx);

    const changed: string[] = changedFields(current.fields, fields);
    if (members && !sameValue(memberDocs(current.members), members)) changed.push('members');
    if (governance && !sameValue(current.governance, governance)) changed.push('governance');
    if (!changed.length) return current;
    await applyAlliance(tx, current.id, current.fields, fields, { members, governance });
    await recordNetworkAudit(tx, ctx.actor, { action: 'alliance.update', target: `alliance:${code}`, alliance: code, details: { changed } });
    return (await allianceStore.byCode(tx, code))!;
  });
}

/** Writes what differs; shared with the import. */
export async function applyAlliance(
  tx: Queryable,
  id: number,
  before: AllianceFields,
  fields: AllianceFields,
  lists: { members?: Member[]; governance?: GovernanceBody[] },
): Promise<void> {
  if (!sameValue(before, fields)) {
    await allianceStore.update(tx, id, fields);
    if (before.parent !== fields.parent) await allianceStore.setParent(tx, id, fields.parent);
  } else await allianceStore.touch(tx, id);
  if (lists.members) await allianceStore.replaceMembers(tx, id, lists.members);
  if (lists.governance) await allianceStore.replaceGovernance(tx, id, lists.governance);
}

/** Removes an alliance with its memberships and governance; refused while it has child alliances or agreements. */
export async function deleteAlliance(db: Db, code: string, ctx: ChangeContext): Promise<void> {
  await db.transaction(async (tx) => {
    await lockHierarchy(tx);
    const current = await findAlliance(tx, code);
    await recordNetworkAudit(tx, ctx.actor, { action: 'alliance.delete', target: `alliance:${code}`, alliance: code, details: { entry: current.fields } });
    try {
      await allianceStore.delete(tx, current.id);
    } catch (err) {
      throw inUse(err, code) ?? err;
    }
  });
}

/** Adds a library to an alliance's members. */
export async function addMember(db: Db, code: string, member: Member, ctx: ChangeContext): Promise<AllianceRecord> {
  return db.transaction(async (tx) => {
    const alliance = await findAlliance(tx, code);
    const refs = await referencesFor(tx, [member.library]);
    if (!refs.hasLibrary(member.library)) refuse([{ path: ['library'], code: 'unknown-library', params: { value: member.library } }], ctx.locale);
    if (!(await allianceStore.addMember(tx, alliance.id, member))) throw NetworkErrors.MEMBER_EXISTS({ library: member.library, alliance: code });
    await recordNetworkAudit(tx, ctx.actor, { action: 'alliance.members.add', target: `alliance:${code}`, alliance: code, library: member.library, details: { member } });
    return (await allianceStore.byCode(tx, code))!;
  });
}

/** Changes a member's role or join date. */
export async function changeMember(db: Db, code: string, library: string, patch: { role?: Member['role']; joined?: string | null }, ctx: ChangeContext): Promise<AllianceRecord> {
  return db.transaction(async (tx) => {
    const alliance = await findAlliance(tx, code);
    const current = alliance.members.find((m) => m.library === library);
    if (!current) throw NetworkErrors.MEMBER_NOT_FOUND({ library, alliance: code });
    const next = memberDocs([merged<Member>({ library, role: current.role, joined: current.joined }, patch)])[0]!;
    if (sameValue(memberDocs([current])[0], next)) return alliance;
    await allianceStore.updateMember(tx, alliance.id, next);
    await recordNetworkAudit(tx, ctx.actor, { action: 'alliance.members.update', target: `alliance:${code}`, alliance: code, library, details: { from: memberDocs([current])[0], to: next } });
    return (await allianceStore.byCode(tx, code))!;
  });
}

export async function removeMember(db: Db, code: string, library: string, ctx: ChangeContext): Promise<void> {
  await db.transaction(async (tx) => {
    const alliance = await findAlliance(tx, code);
    if (!(await allianceStore.removeMember(tx, alliance.id, library))) throw NetworkErrors.MEMBER_NOT_FOUND({ library, alliance: code });
    await recordNetworkAudit(tx, ctx.actor, { action: 'alliance.members.remove', target: `alliance:${code}`, alliance: code, library });
  });
}

/** Replaces an alliance's governance bodies and seats. */
export async function replaceGovernance(db: Db, code: string, bodies: GovernanceBody[], ctx: ChangeContext): Promise<AllianceRecord> {
  return db.transaction(async (tx) => {
    const alliance = await findAlliance(tx, code);
    const governance = canonicalGovernance(bodies);
    const refs = await referencesFor(tx, librariesNamedBy({ governance }));
    // Checked as the governance of the alliance, then named from the list given (`[2].seats[0].library`).
    const problems = allianceProblems({ ...alliance.fields, members: undefined, governance, parent: undefined, managementCentre: undefined }, [], refs).map((p) => ({
      ...p,
      path: p.path.slice(1),
    }));
    if (problems.length) refuse(problems, ctx.locale);
    if (sameValue(alliance.governance, governance)) return alliance;
    await allianceStore.replaceGovernance(tx, alliance.id, governance);
    await recordNetworkAudit(tx, ctx.actor, { action: 'alliance.governance.replace', target: `alliance:${code}`, alliance: code, details: { bodies: governance.length } });
    return (await allianceStore.byCode(tx, code))!;
  });
}
