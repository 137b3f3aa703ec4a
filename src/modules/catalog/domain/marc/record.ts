/**
 * A MARC record as Anylib holds it in memory, for MARC 21 and UNIMARC/CNMARC alike: the leader
 * and the fields in the order received. Text is Unicode (NFC) once read; bytes are a reader's
 * and a writer's business.
 */
export interface MarcRecord {
  /** 24 characters (ISO 2709 §4.2). */
  leader: string;
  fields: MarcField[];
}

/** 001–009 (and 00X of UNIMARC): a tag and a value, no indicators, no subfields. */
export interface ControlField {
  tag: string;
  value: string;
}

export interface DataField {
  tag: string;
  ind1: string;
  ind2: string;
  subfields: Subfield[];
}

export interface Subfield {
  code: string;
  value: string;
}

export type MarcField = ControlField | DataField;

export const isControlField = (f: MarcField): f is ControlField => 'value' in f;
export const isDataField = (f: MarcField): f is DataField => 'subfields' in f;

/** Whether a tag is a control field's: 001–009 in MARC 21 and UNIMARC (and alphabetic tags are not). */
export const isControlTag = (tag: string): boolean => tag.length === 3 && tag.startsWith('00') && tag !== '000';

export type Flavour = 'marc21' | 'unimarc';
