/**
 * parseMessage and writeMessage: ISO 18626 XML ⇄ the internal model (types.ts), for 2017 (v1.2)
 * and 2021 messages.
 */
import { ISO18626_NAMESPACE, MESSAGE_KINDS, type ErrorType, type Iso18626Version, type MessageKind } from './codes.js';
import { DecodeError, decodeComplex } from './decode.js';
import { encodeChildren, rootOpen, type EncodeContext } from './encode.js';
import { SCHEMAS } from './schema.js';
import type { Iso18626Message, RetryInfo } from './types.js';
import { DEFAULT_LIMITS, XmlReadError, readTree, type TreeLimits, type XmlElement } from './xml-tree.js';

export type ParseResult =
  | { ok: true; message: Iso18626Message; version: Iso18626Version; declaredVersion?: string }
  | {
      ok: false;
      errorType: ErrorType;
      errorValue: string;
      /** What could be read before the error, for the confirmation (confirm.ts). */
      kind?: MessageKind;
      version?: Iso18626Version;
      partialHeader?: PartialHeader;
    };

/** Header fields read leniently from a message that failed, so the error confirmation can name the request. */
export interface PartialHeader {
  supplyingAgencyId?: { agencyIdType: { value: string }; agencyIdValue: string };
  requestingAgencyId?: { agencyIdType: { value: string }; agencyIdValue: string };
  requestingAgencyRequestId?: string;
  timestamp?: string;
}

/** The `version` attribute we write. 2021 XSDs are named by year ("2021-2"), so we send "2021". */
export const VERSION_ATTRIBUTE: Record<Iso18626Version, string> = { '1.2': '1.2', '2021': '2021' };

/**
 * The schema a declared version is read with: 1.0, 1.1 and 1.2 with the 2017 one (1.2 only added
 * optional elements, and multipleItemRequestId is read when absent); 1.3 (the 2021 draft name)
 * and 2021* with the 2021 one.
 */
export function versionOf(declared: string): Iso18626Version | undefined {
  const v = declared.trim();
  if (/^1\.[012](\.\d+)?$/.test(v)) return '1.2';
  if (/^(2021([-.]\d+)?|1\.3(\.\d+)?)$/.test(v)) return '2021';
  return undefined;
}

export interface ParseOptions {
  limits?: Partial<TreeLimits>;
}

const VERSION_KEYS = [`{${ISO18626_NAMESPACE}}version`, 'version'];

/**
 * Reads one ISO 18626 message. Never throws: any input gives either the message or the errorType
 * and errorValue to answer with (ISO 18626 §"errorData"):
 * - BadlyFormedMessage: not XML, not UTF-8, a DOCTYPE, over the size limits, a required element
 *   missing, an element repeated more than allowed, no version attribute;
 * - UnrecognisedDataElement: an element (or attribute) the version's schema does not declare,
 *   including an element in another namespace (or in none) — the root too;
 * - UnrecognisedDataValue: a value not of its type (dateTime, decimal, closed list), an unknown version;
 * - UnsupportedActionType / UnsupportedReasonForMessageType: an action or reasonForMessage outside
 *   the version's list (e.g. `Lost` in a 1.2 message).
 */
export function parseMessage(xml: string | Uint8Array, options: ParseOptions = {}): ParseResult {
  let root: XmlElement;
  try {
    root = readTree(xml, { ...DEFAULT_LIMITS, ...options.limits });
  } catch (e) {
    return { ok: false, errorType: 'BadlyFormedMessage', errorValue: e instanceof XmlReadError ? e.message : 'the message could not be read' };
  }
  try {
    return decodeRoot(root);
  } catch (e) {
    if (!(e instanceof DecodeError)) {
      return { ok: false, errorType: 'BadlyFormedMessage', errorValue: 'the message could not be read' };
    }
    const kind = messageElement(root)?.local as MessageKind | undefined;
    const version = root.local === 'ISO18626Message' ? versionOf(VERSION_KEYS.map((k) => root.attributes.get(k)).find((v) => v !== undefined) ?? '') : undefined;
    return {
      ok: false,
      errorType: e.errorType,
      errorValue: e.errorValue,
      ...(kind && MESSAGE_KINDS.includes(kind) ? { kind } : {}),
      ...(version ? { version } : {}),
      ...salvageHeader(messageElement(root)),
    };
  }
}

const isIso = (e: XmlElement): boolean => e.ns === ISO18626_NAMESPACE;
const isKind = (name: string): name is MessageKind => (MESSAGE_KINDS as readonly string[]).includes(name);

/** The message element: the child of ISO18626Message, or the root itself when sent bare. */
function messageElement(root: XmlElement): XmlElement | undefined {
  if (root.local === 'ISO18626Message') return root.children.find((c) => isIso(c) && isKind(c.local));
  return isKind(root.local) ? root : undefined;
}

function decodeRoot(root: XmlElement): ParseResult {
  if (!isIso(root) || (root.local !== 'ISO18626Message' && !isKind(root.local))) {
    throw new DecodeError('UnrecognisedDataElement', root.ns ? `{${root.ns}}${root.local}` : `${root.local} (in no namespace; ISO 18626 elements are in ${ISO18626_NAMESPACE})`);
  }
  if (root.local !== 'ISO18626Message') {
    // A bare message element is valid against the XSDs (all are global elements) but says no
    // version: read it as 2017, else as 2021.
    try {
      return { ok: true, message: decodeMessage(root, '1.2'), version: '1.2' };
    } catch (first) {
      try {
        return { ok: true, message: decodeMessage(root, '2021'), version: '2021' };
      } catch {
        throw first;
      }
    }
  }
  for (const key of root.attributes.keys()) {
    if (!VERSION_KEYS.includes(key) && !key.startsWith('{http://www.w3.org/2001/XMLSchema-instance}')) {
      throw new DecodeError('UnrecognisedDataElement', `ISO18626Message/@${key}`);
    }
  }
  const declared = VERSION_KEYS.map((k) => root.attributes.get(k)).find((v) => v !== undefined);
  if (declared === undefined) throw new DecodeError('BadlyFormedMessage', 'ISO18626Message/@version is missing');
  const version = versionOf(declared);
  if (!version) throw new DecodeError('UnrecognisedDataValue', `ISO18626Message/@version: ${JSON.stringify(declared)} (we read 1.0–1.2 and 2021)`);
  if (root.text.trim() !== '') throw new DecodeError('BadlyFormedMessage', 'ISO18626Message holds text where only elements may be');
  if (root.children.length !== 1) {
    const stranger = root.children.find((c) => !isIso(c) || !isKind(c.local));
    if (stranger) throw new DecodeError('UnrecognisedDataElement', `ISO18626Message/${stranger.ns === ISO18626_NAMESPACE ? stranger.local : `{${stranger.ns}}${stranger.local}`}`);
    throw new DecodeError('BadlyFormedMessage', root.children.length === 0 ? 'ISO18626Message holds no message' : 'ISO18626Message holds more than one message');
  }
  const element = root.children[0]!;
  if (!isIso(element) || !isKind(element.local)) {
    throw new DecodeError('UnrecognisedDataElement', `ISO18626Message/${isIso(element) ? element.local : `{${element.ns}}${element.local}`}`);
  }
  return { ok: true, message: decodeMessage(element, version), version, declaredVersion: declared };
}

function decodeMessage(element: XmlElement, version: Iso18626Version): Iso18626Message {
  const kind = element.local as MessageKind;
  const body = decodeComplex(SCHEMAS[version][kind], element, kind);
  if (kind === 'supplyingAgencyMessage' && version === '1.2') moveRetryTermsIn(body);
  return { kind, ...body } as unknown as Iso18626Message;
}

/** 2017 keeps offeredCosts, retryAfter, retryBefore in messageInfo; the model keeps them in retryInfo (2021). */
function moveRetryTermsIn(body: Record<string, unknown>): void {
  const info = body.messageInfo as Record<string, unknown>;
  const retry: RetryInfo = {};
  if (info.offeredCosts !== undefined) retry.offeredCosts = [info.offeredCosts as NonNullable<RetryInfo['offeredCosts']>[number]];
  if (info.retryBefore !== undefined) retry.retryBefore = info.retryBefore as string;
  if (info.retryAfter !== undefined) retry.retryAfter = info.retryAfter as string;
  delete info.offeredCosts;
  delete info.retryAfter;
  delete info.retryBefore;
  if (Object.keys(retry).length > 0) body.retryInfo = retry;
}

function moveRetryTermsOut(body: Record<string, unknown>, dropped: string[]): Record<string, unknown> {
  const { retryInfo, ...rest } = body as { retryInfo?: RetryInfo } & Record<string, unknown>;
  if (!retryInfo) return rest;
  const { offeredCosts, retryAfter, retryBefore, ...others } = retryInfo;
  for (const [key, value] of Object.entries(others)) if (value !== undefined) dropped.push(`supplyingAgencyMessage/retryInfo/${key}`);
  if (offeredCosts && offeredCosts.length > 1) for (let i = 1; i < offeredCosts.length; i++) dropped.push(`supplyingAgencyMessage/retryInfo/offeredCosts[${i + 1}]`);
  const messageInfo = { ...(rest.messageInfo as object), offeredCosts: offeredCosts?.[0], retryAfter, retryBefore };
  return { ...rest, messageInfo };
}

function encode(message: Iso18626Message, version: Iso18626Version): { xml: string; dropped: string[] } {
  const ctx: EncodeContext = { version, dropped: [] };
  let body = message as unknown as Record<string, unknown>;
  if (message.kind === 'supplyingAgencyMessage' && version === '1.2') body = moveRetryTermsOut(body, ctx.dropped);
  const inner = encodeChildren(SCHEMAS[version][message.kind], body, message.kind, ctx, '    ');
  const xml = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    rootOpen(VERSION_ATTRIBUTE[version]),
    `  <${message.kind}>`,
    ...inner,
    `  </${message.kind}>`,
    '</ISO18626Message>',
    '',
  ].join('\n');
  return { xml, dropped: ctx.dropped };
}

/**
 * The message as XML of the given version, valid against its official XSD. Elements the version
 * cannot carry are left out (see `unrepresentable`); a message that cannot be made valid (a
 * required element missing, a value the version does not know) throws Iso18626WriteError.
 */
export const writeMessage = (message: Iso18626Message, version: Iso18626Version): string => encode(message, version).xml;

/** Paths of what `writeMessage(message, version)` would leave out, e.g. `supplyingAgencyMessage/shippingInfo` for 1.2. */
export const unrepresentable = (message: Iso18626Message, version: Iso18626Version): string[] => encode(message, version).dropped;

function salvageHeader(element: XmlElement | undefined): { partialHeader?: PartialHeader } {
  const header = element?.children.find((c) => c.local === 'header' || c.local === 'confirmationHeader');
  if (!header) return {};
  const child = (e: XmlElement, name: string): XmlElement | undefined => e.children.find((c) => c.local === name);
  const agency = (name: string): PartialHeader['supplyingAgencyId'] => {
    const a = child(header, name);
    const type = a && child(a, 'agencyIdType');
    const value = a && child(a, 'agencyIdValue');
    return type && value && type.children.length === 0 && value.children.length === 0
      ? { agencyIdType: { value: type.text.trim() }, agencyIdValue: value.text.trim() }
      : undefined;
  };
  const text = (name: string): string | undefined => {
    const e = child(header, name);
    return e && e.children.length === 0 ? e.text.trim() : undefined;
  };
  const partial: PartialHeader = {};
  const s = agency('supplyingAgencyId'), r = agency('requestingAgencyId'), id = text('requestingAgencyRequestId'), ts = text('timestamp');
  if (s) partial.supplyingAgencyId = s;
  if (r) partial.requestingAgencyId = r;
  if (id !== undefined) partial.requestingAgencyRequestId = id;
  if (ts !== undefined) partial.timestamp = ts;
  return Object.keys(partial).length > 0 ? { partialHeader: partial } : {};
}
