import { SaxesParser } from 'saxes';

/** The fifteen elements of simple Dublin Core (DCMES 1.1), as oai_dc carries them. */
export const DC_ELEMENTS = [
  'title', 'creator', 'subject', 'description', 'publisher', 'contributor', 'date', 'type',
  'format', 'identifier', 'source', 'language', 'relation', 'coverage', 'rights',
] as const;
export type DcElement = (typeof DC_ELEMENTS)[number];

/** A Dublin Core description: every element repeatable, values in document order. */
export type DcRecord = Partial<Record<DcElement, string[]>>;

const ELEMENTS = new Set<string>(DC_ELEMENTS);

/**
 * Reads an `oai_dc:dc` element (or any element whose children are `dc:*` elements) into a
 * DcRecord. Element names are taken by local name, so `dc:title` and an unprefixed `title` are
 * the same; unknown elements are ignored; empty values are dropped; text is NFC.
 * Throws when the XML is not well-formed.
 */
export function readOaiDc(xml: string): DcRecord {
  const parser = new SaxesParser({ position: false });
  const out: DcRecord = {};
  let depth = 0;
  let current: DcElement | undefined;
  let text = '';
  let failure: Error | undefined;
  parser.on('opentag', (tag) => {
    depth++;
    const name = tag.name.slice(tag.name.indexOf(':') + 1);
    // The wrapper is depth 1; its children at depth 2 are the elements.
    if (depth === 2 && ELEMENTS.has(name)) {
      current = name as DcElement;
      text = '';
    }
  });
  parser.on('text', (t) => {
    if (current) text += t;
  });
  parser.on('cdata', (t) => {
    if (current) text += t;
  });
  parser.on('closetag', () => {
    if (depth === 2 && current) {
      const value = text.replace(/\s+/g, ' ').trim().normalize('NFC');
      if (value !== '') (out[current] ??= []).push(value);
      current = undefined;
    }
    depth--;
  });
  parser.on('error', (e) => {
    failure ??= e;
  });
  parser.write(xml);
  if (!failure) parser.close();
  if (failure) throw failure;
  return out;
}
