import type { Queryable } from '../../platform/db/index.js';
import { exportProviderEntries } from '../identity/index.js';
import { agreementStore } from './agreement.store.js';
import { allianceStore } from './alliance.store.js';
import { documentToCsv } from './domain/csv.js';
import type { LayoutName } from './domain/csv-layouts.js';
import type { NetworkDocument } from './domain/document.js';
import { withoutUndefined } from './domain/same.js';
import { libraryStore } from './library.store.js';
import { libraryEntry } from './presenters.js';

/**
 * The whole directory as a network document, in the order entries were added: importing it
 * into an empty directory rebuilds the same directory. Alliances always carry their member and
 * governance lists, so the file states them completely. Without `staff`, contacts lose their
 * e-mail addresses and phone numbers, as everywhere in the public directory.
 */
export async function exportNetwork(db: Queryable, options: { staff: boolean; identityProviders?: boolean }): Promise<DirectoryExport> {
  const libraries = (await libraryStore.all(db)).map((l) => libraryEntry(l, options.staff));
  const alliances = (await allianceStore.all(db)).map((a) => ({
    ...a.fields,
    members: a.members.map((m) => withoutUndefined({ library: m.library, role: m.role, joined: m.joined })),
    governance: a.governance,
  }));
  const agreements = await agreementStore.all(db);
  // Each library's identity providers (never a secret): for network administrators, who may import them; no list when there are none.
  const identityProviders = options.identityProviders ? await exportProviderEntries(db) : [];
  return { libraries, alliances, agreements, ...(identityProviders.length ? { identityProviders } : {}) };
}

/** The document: every list, and identity providers when asked for. */
export type DirectoryExport = Required<Omit<NetworkDocument, 'identityProviders'>> & Pick<NetworkDocument, 'identityProviders'>;

/** One CSV layout of the directory (docs/network-format.md). */
export async function exportNetworkCsv(db: Queryable, layout: LayoutName, options: { staff: boolean }): Promise<string> {
  return documentToCsv(await exportNetwork(db, options), layout);
}
