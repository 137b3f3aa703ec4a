import { describe, expect, it } from 'vitest';
import { afterPage, listRecordsQuery, MAX_RESTARTS, type HarvestCursor } from './next-request.js';
import { comparable, fromArgument, granularityOf, isDatestamp, laterOf, parseUserDate, untilArgument } from './datestamp.js';

const start: HarvestCursor = { prefix: 'marc21', set: 'books', from: '2024-05-01', pages: 0, records: 0 };
const ok = { errors: [], recordCount: 10 };

describe('next request of a harvest', () => {
  it('asks with the arguments first and with the token alone afterwards', () => {
    expect(listRecordsQuery(start)).toEqual({ verb: 'ListRecords', metadataPrefix: 'marc21', set: 'books', from: '2024-05-01' });
    const step = afterPage(start, { ...ok, resumptionToken: { token: 't1', completeListSize: 30 } }, 10, '2024-05-03');
    expect(step).toMatchObject({ kind: 'continue', cursor: { resumptionToken: 't1', pages: 1, records: 10, completeListSize: 30, lastDatestamp: '2024-05-03' } });
    if (step.kind === 'continue') expect(listRecordsQuery(step.cursor)).toEqual({ verb: 'ListRecords', resumptionToken: 't1' });
  });

  it('ends on an empty or absent token, and on noRecordsMatch', () => {
    const at = { ...start, resumptionToken: 't1' };
    expect(afterPage(at, { ...ok, resumptionToken: { token: '' } }, 5, undefined).kind).toBe('done');
    expect(afterPage(start, ok, 5, undefined).kind).toBe('done');
    expect(afterPage(start, { errors: [{ code: 'noRecordsMatch', message: '' }], recordCount: 0 }, 0, undefined)).toMatchObject({ kind: 'done', cursor: { records: 0 } });
  });

  it('restarts the list from the run\'s from on a refused token, a few times at most, and fails on other errors', () => {
    const at: HarvestCursor = { ...start, resumptionToken: 'old', pages: 2, records: 20 };
    const bad = { errors: [{ code: 'badResumptionToken', message: 'expired' }], recordCount: 0 };
    const step = afterPage(at, bad, 0, undefined);
    expect(step).toMatchObject({ kind: 'restart', cursor: { from: '2024-05-01', resumptionToken: undefined, restarts: 1 } });
    expect(afterPage({ ...at, restarts: MAX_RESTARTS }, bad, 0, undefined)).toMatchObject({ kind: 'fail', code: 'badResumptionToken' });
    expect(afterPage(start, { errors: [{ code: 'cannotDisseminateFormat', message: 'no marc21' }], recordCount: 0 }, 0, undefined)).toEqual({
      kind: 'fail', code: 'cannotDisseminateFormat', message: 'cannotDisseminateFormat: no marc21',
    });
  });
});

describe('datestamps', () => {
  it('follows the repository granularity for from and until', () => {
    expect(granularityOf('YYYY-MM-DDThh:mm:ssZ')).toBe('seconds');
    expect(granularityOf('YYYY-MM-DD')).toBe('day');
    expect(fromArgument('2024-05-01T10:11:12Z', 'day')).toBe('2024-05-01');
    expect(fromArgument('2024-05-01', 'seconds')).toBe('2024-05-01T00:00:00Z');
    expect(untilArgument('2024-05-01', 'seconds')).toBe('2024-05-01T23:59:59Z');
    expect(fromArgument('2024-05-01T10:11:12.5Z', 'seconds')).toBe('2024-05-01T10:11:12Z');
  });

  it('checks, compares and reads what a user types', () => {
    expect(isDatestamp('2024-02-30')).toBe(false);
    expect(isDatestamp('2024-02-29T23:59:59Z')).toBe(true);
    expect(laterOf('2024-05-01', '2024-05-01T00:00:01Z')).toBe('2024-05-01T00:00:01Z');
    expect(laterOf(undefined, '2024-05-01')).toBe('2024-05-01');
    expect(comparable('2024-05-01')).toBe('2024-05-01T00:00:00Z');
    expect(parseUserDate('2024-05-01T18:00:00+08:00')).toBe('2024-05-01T10:00:00Z');
    expect(parseUserDate('yesterday')).toBeUndefined();
  });
});
