import { nfc } from '../decode.js';
import { checkCode, checkIndicator, checkTag } from '../field-checks.js';
import { error, warning, type Problem } from '../problems.js';
import type { ControlField, DataField, MarcField } from '../record.js';

/**
 * Element names of MARCXML (MARC 21 slim, also used for UNIMARC by MARCXchange) and of the
 * "UNIMARC slim" schema some Italian and French systems export (`rec`, `lab`, `cf`, `df`, `sf`
 * with attributes `t`, `i1`, `i2`, `c`).
 */
export type ElementKind = 'record' | 'leader' | 'controlfield' | 'datafield' | 'subfield' | 'embedded' | 'other';

const KINDS: Record<string, ElementKind> = {
  record: 'record',
  rec: 'record',
  leader: 'leader',
  lab: 'leader',
  controlfield: 'controlfield',
  cf: 'controlfield',
  datafield: 'datafield',
  df: 'datafield',
  subfield: 'subfield',
  sf: 'subfield',
  // UNIMARC slim: a field embedded in a linking field (4XX), which ISO 2709 writes as $1 + tag.
  s1: 'embedded',
};

/** The kind of an element from its (possibly prefixed) name. */
export function kindOf(name: string): ElementKind {
  const colon = name.indexOf(':');
  return KINDS[colon < 0 ? name : name.slice(colon + 1)] ?? 'other';
}

const RECORD_TYPES = new Set(['Bibliographic', 'Authority', 'Holdings', 'Classification', 'Community']);
/** Enough to show what went wrong; a broken file must not fill memory with complaints. */
const MAX_PROBLEMS = 100;

/** One record being put together from SAX events. */
export class RecordBuilder {
  leader: string | undefined;
  readonly fields: MarcField[] = [];
  readonly problems: Problem[] = [];
  /** Set when the record outgrew any real MARC record: it is read to its end but not kept. */
  tooLong = false;
  private field: ControlField | DataField | undefined;
  /** The linking field an embedded field (UNIMARC $1) goes into. */
  private outer: DataField | undefined;
  private code: string | undefined;
  private text = '';
  private collecting = false;

  constructor(
    /** Where the record starts in the text (for its raw form). */
    readonly start: number,
    /** Whether the bytes under the text held ill-formed UTF-8. */
    private readonly invalidUtf8: () => boolean,
    type: string | undefined,
  ) {
    if (type !== undefined && !RECORD_TYPES.has(type)) this.warn('xml-structure', `record type '${type}' is not one MARCXML knows`);
  }

  /** Nothing of MARC read yet (no leader, no field, no error). */
  isEmpty(): boolean {
    return this.leader === undefined && this.fields.length === 0 && this.field === undefined && !this.problems.some((p) => p.severity === 'error');
  }

  problem(p: Problem): void {
    if (this.problems.length < MAX_PROBLEMS) this.problems.push(p);
  }

  private warn(code: Problem['code'], reason: string, field?: string, subfield?: string): void {
    this.problem(warning(code, reason, field, subfield));
  }

  private fail(code: Problem['code'], reason: string, field?: string, subfield?: string): void {
    this.problem(error(code, reason, field, subfield));
  }

  open(kind: ElementKind, name: string, attributes: Record<string, string>): void {
    switch (kind) {
      case 'leader':
        this.collect();
        return;
      case 'controlfield': {
        const tag = this.tag(attributes.tag ?? attributes.t, 'controlfield');
        this.field = { tag, value: '' };
        this.collect();
        return;
      }
      case 'datafield': {
        const tag = this.tag(attributes.tag ?? attributes.t, 'datafield');
        const ind1 = this.indicator(attributes.ind1 ?? attributes.i1, tag, 1);
        const ind2 = this.indicator(attributes.ind2 ?? attributes.i2, tag, 2);
        if (this.outer === undefined) this.field = { tag, ind1, ind2, subfields: [] };
        else {
          this.outer.subfields.push({ code: '1', value: tag + ind1 + ind2 });
          this.field = this.outer;
        }
        return;
      }
      case 'embedded': {
        const f = this.field;
        if (f !== undefined && 'subfields' in f) this.outer = f;
        else this.fail('xml-structure', `<${name}> (an embedded field) outside a datafield`);
        return;
      }
      case 'subfield': {
        const f = this.field;
        if (f === undefined || !('subfields' in f)) {
          this.fail('xml-structure', 'a subfield outside any datafield');
          return;
        }
        this.code = this.subfieldCode(attributes.code ?? attributes.c, f.tag);
        this.collect();
        return;
      }
      default: {
        const f = this.field;
        if (f !== undefined && 'subfields' in f) this.fail('xml-structure', `<${name}> in a datafield is not a subfield; its text would be lost`, f.tag);
        else this.warn('xml-structure', `<${name}> is not part of MARCXML and was ignored`);
      }
    }
  }

  characters(s: string): void {
    if (this.collecting) this.text += s;
    else if (s.trim() !== '') this.warn('xml-structure', `text outside any field: '${s.trim().slice(0, 40)}'`, this.field?.tag);
  }

  close(kind: ElementKind): void {
    switch (kind) {
      case 'leader': {
        let leader = this.value('leader');
        if (leader.length !== 24) {
          this.warn('leader-invalid', `the leader has ${leader.length} characters; read as 24`, 'leader');
          leader = leader.padEnd(24).slice(0, 24);
        }
        if (this.leader !== undefined) this.warn('xml-structure', 'a second leader was ignored', 'leader');
        else this.leader = leader;
        return;
      }
      case 'controlfield': {
        const f = this.field;
        if (f !== undefined && 'value' in f) {
          f.value = this.value(f.tag);
          if (this.outer !== undefined) this.outer.subfields.push({ code: '1', value: f.tag + f.value });
          else if (f.tag !== '') this.fields.push(f);
        }
        this.field = this.outer;
        return;
      }
      case 'subfield': {
        const f = this.field;
        if (f === undefined || !('subfields' in f) || this.code === undefined) return;
        f.subfields.push({ code: this.code, value: this.value(f.tag, this.code) });
        this.code = undefined;
        return;
      }
      case 'embedded':
        this.field = this.outer;
        this.outer = undefined;
        return;
      case 'datafield': {
        const f = this.field;
        if (this.outer !== undefined) return; // an embedded field's subfields went into the linking field
        if (f !== undefined && 'subfields' in f && f.tag !== '') {
          if (f.subfields.length === 0) this.warn('no-subfields', 'the data field has no subfields and was left out', f.tag);
          else this.fields.push(f);
        }
        this.field = undefined;
        return;
      }
      default:
    }
  }

  private collect(): void {
    this.collecting = true;
    this.text = '';
  }

  /** The text gathered for the element that just closed, NFC, checked for replaced bytes. */
  private value(field: string, subfield?: string): string {
    const s = this.text;
    this.text = '';
    this.collecting = false;
    if (this.invalidUtf8() && s.includes('\uFFFD')) this.fail('invalid-utf8', 'ill-formed UTF-8 in the text (read as U+FFFD)', field, subfield);
    return nfc(s);
  }

  private readonly report = (p: Problem): void => this.problem(p);

  private tag(raw: string | undefined, element: string): string {
    return checkTag(raw, element, this.report);
  }

  private indicator(raw: string | undefined, tag: string, n: 1 | 2): string {
    return checkIndicator(raw, tag, n, this.report);
  }

  private subfieldCode(raw: string | undefined, tag: string): string | undefined {
    return checkCode(raw, tag, this.report);
  }
}
