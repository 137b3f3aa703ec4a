import { describe, expect, it } from 'vitest';
import { parseArguments, parseOaiDate } from './arguments.js';

const q = (query: string) => parseArguments([...new URLSearchParams(query)]);
const codes = (query: string) => {
  const r = q(query);
  return r.ok ? [] : r.errors.map((e) => e.code);
};
const messages = (query: string) => {
  const r = q(query);
  return r.ok ? [] : r.errors.map((e) => e.message.en);
};

describe('OAI-PMH arguments (§3.1, §4)', () => {
  it('takes each verb with its legal arguments', () => {
    expect(q('verb=Identify')).toEqual({ ok: true, request: { verb: 'Identify' } });
    expect(q('verb=ListMetadataFormats&identifier=oai:x:cluster/1')).toMatchObject({ ok: true, request: { identifier: 'oai:x:cluster/1' } });
    expect(q('verb=GetRecord&identifier=oai:x:cluster/1&metadataPrefix=oai_dc')).toMatchObject({ ok: true });
    expect(q('verb=ListRecords&metadataPrefix=marc21&set=library:CN-1&from=2024-01-01&until=2024-12-31')).toMatchObject({
      ok: true, request: { verb: 'ListRecords', metadataPrefix: 'marc21', set: 'library:CN-1', from: { granularity: 'day' }, until: { granularity: 'day' } },
    });
    expect(q('verb=ListIdentifiers&resumptionToken=abc')).toEqual({ ok: true, request: { verb: 'ListIdentifiers', resumptionToken: 'abc' } });
  });

  it('answers badVerb for a missing, unknown or repeated verb', () => {
    expect(codes('')).toEqual(['badVerb']);
    expect(codes('verb=Frobnicate')).toEqual(['badVerb']);
    expect(codes('verb=Identify&verb=Identify')).toEqual(['badVerb']);
    expect(codes('verb=identify')).toEqual(['badVerb']); // verbs are case-sensitive
  });

  it('answers badArgument for missing, illegal, repeated and empty arguments, naming each', () => {
    expect(messages('verb=GetRecord&identifier=x')).toEqual(['GetRecord needs the argument "metadataPrefix".']);
    expect(messages('verb=Identify&set=a')).toEqual(['Identify does not take the argument "set".']);
    expect(messages('verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=marc21')).toEqual(['The argument "metadataPrefix" is repeated.']);
    expect(messages('verb=ListRecords&metadataPrefix=')).toEqual(['The argument "metadataPrefix" is empty.']);
    expect(codes('verb=ListRecords')).toEqual(['badArgument']);
    expect(messages('verb=ListSets&resumptionToken=t&set=a')).toEqual(['ListSets does not take the argument "set".']);
    expect(codes('verb=ListRecords&resumptionToken=t&metadataPrefix=oai_dc')).toEqual(['badArgument']);
    expect(codes(`verb=GetRecord&identifier=${'x'.repeat(10_000)}&metadataPrefix=oai_dc`)).toEqual(['badArgument']);
  });

  it('reports every argument problem of a request at once', () => {
    expect(messages('verb=ListRecords&from=yesterday&colour=red')).toEqual([
      'ListRecords does not take the argument "colour".',
      'ListRecords needs the argument "metadataPrefix".',
      'from="yesterday" is not a date as YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ.',
    ]);
  });

  it('refuses bad dates, from later than until, and from and until of different granularity', () => {
    expect(codes('verb=ListRecords&metadataPrefix=oai_dc&from=2024-02-30')).toEqual(['badArgument']);
    expect(codes('verb=ListRecords&metadataPrefix=oai_dc&from=2024-01-01T25:00:00Z')).toEqual(['badArgument']);
    expect(codes('verb=ListRecords&metadataPrefix=oai_dc&from=2024-01-01T10:00:00')).toEqual(['badArgument']); // no Z
    expect(codes('verb=ListRecords&metadataPrefix=oai_dc&from=2024-01-01T10:00:00.5Z')).toEqual(['badArgument']);
    expect(messages('verb=ListRecords&metadataPrefix=oai_dc&from=2024-05-02&until=2024-05-01')).toEqual(['from (2024-05-02) is later than until (2024-05-01).']);
    expect(messages('verb=ListRecords&metadataPrefix=oai_dc&from=2024-05-01&until=2024-05-01T10:00:00Z')).toEqual(['from and until must have the same granularity.']);
    expect(codes('verb=ListRecords&metadataPrefix=oai_dc&from=2024-05-01&until=2024-05-01')).toEqual([]);
  });

  it('gives the messages in Chinese too', () => {
    const r = q('verb=GetRecord&identifier=x');
    expect(r.ok ? '' : r.errors[0]!.message['zh-CN']).toBe('GetRecord 需要参数 "metadataPrefix"。');
  });
});

describe('parseOaiDate', () => {
  it('reads both granularities as UTC instants', () => {
    expect(parseOaiDate('2024-05-01')).toEqual({ granularity: 'day', text: '2024-05-01', ms: Date.UTC(2024, 4, 1) });
    expect(parseOaiDate('2024-05-01T10:20:30Z')).toEqual({ granularity: 'seconds', text: '2024-05-01T10:20:30Z', ms: Date.UTC(2024, 4, 1, 10, 20, 30) });
    expect(parseOaiDate('2024-5-1')).toBeUndefined();
  });
});
