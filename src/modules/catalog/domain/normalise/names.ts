/**
 * Names of persons and bodies reduced to keys that agree across cataloguing practices:
 * "Chabon, Michael." = "Chabon, Michael, 1963-" = "Michael Chabon" (by surname).
 */
import { remembered } from './memo.js';
import { foldText, hasCjk } from './text.js';

/** A personal or corporate name as a record gives it. */
export interface NameEntry {
  name: string;
  personal: boolean;
  /** UNIMARC 70X: $a is the entry element (the surname) already. */
  entryElement?: string;
}

/** Dates and roles that some catalogues leave inside $a ("Smith, John, 1900-1980, editor"). */
function withoutDates(name: string): string {
  return name.replace(/,?\s*\d{3,4}\s*-\s*(?:\d{3,4})?.*$/, '').replace(/\b(?:editor|ed|author|compiler|translator)\.?$/i, '');
}

/** The keys of one name: its whole folded form, and the surname for persons. */
export function nameKeys(entry: NameEntry): string[] {
  // Remembered per name as given (MARC 21's names, which have no separate entry element); a
  // copy, as the keys become the record's own.
  if (entry.entryElement !== undefined) return keysOfName(entry);
  return (entry.personal ? personKeys : bodyKeys)(entry.name).slice();
}

const personKeys = remembered((name: string) => keysOfName({ name, personal: true }));
const bodyKeys = remembered((name: string) => keysOfName({ name, personal: false }));

function keysOfName(entry: NameEntry): string[] {
  const full = foldText(withoutDates(entry.name));
  if (full === '') return [];
  const keys = new Set([full]);
  if (entry.personal && !hasCjk(entry.name)) {
    if (entry.entryElement !== undefined) {
      const surname = foldText(entry.entryElement);
      if (surname !== '') keys.add(surname);
    } else if (entry.name.includes(',')) {
      const surname = foldText(entry.name.slice(0, entry.name.indexOf(',')));
      if (surname !== '') keys.add(surname);
    } else {
      // "Michael Chabon": the last word is the surname in Western order.
      const last = full.split(' ').at(-1);
      if (last) keys.add(last);
    }
  }
  return [...keys];
}

/** The main entry's key for the work key: a person's surname, a body's whole name. */
export function mainNameKey(entry: NameEntry | undefined): string | null {
  if (!entry) return null;
  const keys = nameKeys(entry);
  return (entry.personal ? keys[1] : undefined) ?? keys[0] ?? null;
}
