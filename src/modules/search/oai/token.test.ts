import { describe, expect, it } from 'vitest';
import { decodeToken, encodeToken, type ListState } from './token.js';

const secret = 'a-secret-long-enough-for-anylib-0123456789';
const state: ListState = {
  verb: 'ListRecords', metadataPrefix: 'oai_dc', set: 'alliance:JALIS', from: '2024-05-01', until: '2024-06-01',
  after: { datestamp: '2024-05-03T08:09:10.123456Z', id: 4711 }, cursor: 200, completeListSize: 1234,
};

describe('resumption tokens', () => {
  it('carry the list state and come back unchanged, URL-safe', () => {
    const token = encodeToken(state, secret);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(decodeToken(token, 'ListRecords', secret)).toEqual(state);
    const bare: ListState = { verb: 'ListIdentifiers', metadataPrefix: 'marc21', after: { datestamp: '2024-05-03T08:09:10Z', id: 1 }, cursor: 500, completeListSize: 501 };
    expect(decodeToken(encodeToken(bare, secret), 'ListIdentifiers', secret)).toEqual(bare);
    // A list too long to count in time has no completeListSize, and its tokens none either.
    const { completeListSize: _, ...uncounted } = bare;
    expect(decodeToken(encodeToken(uncounted, secret), 'ListIdentifiers', secret)).toEqual(uncounted);
  });

  it('are refused when changed, cut short, signed with another secret, or given to the other verb', () => {
    const token = encodeToken(state, secret);
    const [body, sig] = token.split('.') as [string, string];
    // A harvester that edits the position (a larger cursor, another set) breaks the signature.
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body, 'base64url').toString()), c: 0 })).toString('base64url');
    expect(decodeToken(`${forged}.${sig}`, 'ListRecords', secret)).toBeUndefined();
    expect(decodeToken(token.slice(0, -3), 'ListRecords', secret)).toBeUndefined();
    expect(decodeToken(`${body.slice(1)}.${sig}`, 'ListRecords', secret)).toBeUndefined();
    expect(decodeToken(token, 'ListRecords', `${secret}-other`)).toBeUndefined();
    expect(decodeToken(token, 'ListIdentifiers', secret)).toBeUndefined();
    expect(decodeToken('', 'ListRecords', secret)).toBeUndefined();
    expect(decodeToken('not a token at all', 'ListRecords', secret)).toBeUndefined();
    expect(decodeToken(`${'A'.repeat(5000)}.${sig}`, 'ListRecords', secret)).toBeUndefined();
  });
});
