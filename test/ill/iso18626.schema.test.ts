/**
 * The schema tables (schema.ts) against the official XSDs, element by element: for every message
 * type of both versions, each complex element has the XSD's children in the XSD's order with its
 * minOccurs/maxOccurs, and each simple element the XSD's type (every enumeration value included).
 * So "every element of both versions" is checked, not claimed.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MESSAGE_KINDS, type Iso18626Version } from '../../src/modules/ill/domain/iso18626/codes.js';
import { SCHEMAS, type ComplexType, type ElementType } from '../../src/modules/ill/domain/iso18626/schema.js';
import { readTree, type XmlElement } from '../../src/modules/ill/domain/iso18626/xml-tree.js';
import { sharedPath } from '../support/shared.js';

const XSD_FILES: Record<Iso18626Version, string> = { '1.2': 'ISO-18626-v1_2.xsd', '2021': 'ISO-18626-2021-2.xsd' };
const XS = 'http://www.w3.org/2001/XMLSchema';

interface Xsd {
  elements: Map<string, XmlElement>;
  complexTypes: Map<string, XmlElement>;
  simpleTypes: Map<string, XmlElement>;
}

function loadXsd(version: Iso18626Version): Xsd {
  const root = readTree(readFileSync(sharedPath('standards/iso18626', XSD_FILES[version])), { maxBytes: 1e6, maxDepth: 64, maxElements: 1e5 });
  const byName = (local: string): Map<string, XmlElement> =>
    new Map(root.children.filter((c) => c.ns === XS && c.local === local).map((c) => [c.attributes.get('name')!, c]));
  return { elements: byName('element'), complexTypes: byName('complexType'), simpleTypes: byName('simpleType') };
}

const xsChild = (e: XmlElement, local: string): XmlElement | undefined => e.children.find((c) => c.ns === XS && c.local === local);
const occurs = (v: string | undefined, dflt: number): number => (v === undefined ? dflt : v === 'unbounded' ? Infinity : Number(v));

/** What an element declaration holds: a list of children (complex), or a description of its simple type. */
type Content = { kind: 'complex'; choice: boolean; children: { name: string; min: number; max: number; decl: XmlElement }[] } | { kind: 'simple'; type: string };

function contentOf(xsd: Xsd, decl: XmlElement): Content {
  const ref = decl.attributes.get('ref');
  if (ref) return contentOf(xsd, xsd.elements.get(ref)!);
  const typeName = decl.attributes.get('type');
  const typeNode = typeName ? (xsd.complexTypes.get(typeName) ?? xsd.simpleTypes.get(typeName)) : (xsChild(decl, 'complexType') ?? xsChild(decl, 'simpleType'));
  if (!typeNode) return { kind: 'simple', type: typeName! };
  if (typeNode.local === 'simpleType') return { kind: 'simple', type: describeSimple(typeNode) };
  if (xsChild(typeNode, 'simpleContent')) return { kind: 'simple', type: 'schemeValuePair' };
  let group = xsChild(typeNode, 'sequence')!;
  let choice = false;
  const inner = xsChild(group, 'choice');
  if (inner && group.children.filter((c) => c.ns === XS).length === 1) {
    group = inner;
    choice = true;
  }
  return {
    kind: 'complex',
    choice,
    children: group.children.filter((c) => c.ns === XS && c.local === 'element').map((c) => ({
      name: c.attributes.get('name') ?? c.attributes.get('ref')!,
      min: occurs(c.attributes.get('minOccurs'), 1),
      max: occurs(c.attributes.get('maxOccurs'), 1),
      decl: c,
    })),
  };
}

function describeSimple(node: XmlElement): string {
  const restriction = xsChild(node, 'restriction')!;
  const values = restriction.children.filter((c) => c.local === 'enumeration').map((c) => c.attributes.get('value'));
  if (values.length > 0) return `enum:${values.join(',')}`;
  const min = xsChild(restriction, 'minInclusive')?.attributes.get('value');
  return `${restriction.attributes.get('base')}${min !== undefined ? `>=${min}` : ''}`;
}

/** Our simple types in the XSD's words. */
function ours(type: ElementType): string {
  switch (type.t) {
    case 'string': case 'svpText': return 'xs:string';
    case 'dateTime': return 'xs:dateTime';
    case 'decimal': return 'xs:decimal';
    case 'boolean': return 'xs:boolean';
    case 'integer': return `xs:integer${type.min !== undefined ? `>=${type.min}` : ''}`;
    case 'svp': return 'schemeValuePair';
    case 'enum': return `enum:${type.values.join(',')}`;
    case 'complex': return 'complex';
  }
}

/** Walks our table and the XSD side by side; returns the differences as readable lines. */
function compare(xsd: Xsd, type: ComplexType, decl: XmlElement, path: string, out: string[]): void {
  const content = contentOf(xsd, decl);
  if (content.kind !== 'complex') {
    out.push(`${path}: complex in our table, ${content.type} in the XSD`);
    return;
  }
  const theirs = content.children.map((c) => `${c.name}[${content.choice ? 'choice' : `${c.min}..${c.max}`}]`);
  const mine = type.fields.map((f) => `${f.el}[${type.choice ? 'choice' : `${f.emptyIfAbsent ? 1 : f.min}..${f.max}`}]`);
  if (theirs.join(' ') !== mine.join(' ')) out.push(`${path}:\n  XSD  ${theirs.join(' ')}\n  ours ${mine.join(' ')}`);
  for (const field of type.fields) {
    const child = content.children.find((c) => c.name === field.el);
    if (!child) continue;
    if (field.type.t === 'complex') compare(xsd, field.type, child.decl, `${path}/${field.el}`, out);
    else {
      const c = contentOf(xsd, child.decl);
      const xsdType = c.kind === 'simple' ? c.type : 'complex';
      if (xsdType !== ours(field.type)) out.push(`${path}/${field.el}: XSD ${xsdType}, ours ${ours(field.type)}`);
    }
  }
}

describe('the schema tables are the official XSDs', () => {
  it('(the comparison sees differences: 2017 tables against the 2021 XSD)', () => {
    const differences: string[] = [];
    compare(loadXsd('2021'), SCHEMAS['1.2'].supplyingAgencyMessage, loadXsd('2021').elements.get('supplyingAgencyMessage')!, 'supplyingAgencyMessage', differences);
    expect(differences.join('\n')).toContain('retryInfo');
    expect(differences.join('\n')).toContain('sentVia');
    const statuses = differences.find((d) => d.startsWith('supplyingAgencyMessage/statusInfo/status'));
    expect(statuses).toContain('HoldReturn');
  });

  for (const version of ['1.2', '2021'] as const) {
    const xsd = loadXsd(version);

    it(`${version}: ISO18626Message holds the six message types`, () => {
      const root = contentOf(xsd, xsd.elements.get('ISO18626Message')!);
      expect(root).toMatchObject({ kind: 'complex', choice: true });
      expect((root as { children: { name: string }[] }).children.map((c) => c.name)).toEqual([...MESSAGE_KINDS]);
    });

    for (const kind of MESSAGE_KINDS) {
      it(`${version}: ${kind}, every element, its order, occurrences and type`, () => {
        const differences: string[] = [];
        compare(xsd, SCHEMAS[version][kind], xsd.elements.get(kind)!, kind, differences);
        expect(differences).toEqual([]);
      });
    }
  }
});
