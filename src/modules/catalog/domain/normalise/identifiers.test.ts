import { describe, expect, it } from 'vitest';
import { normaliseLccn, oclcNumber, readIssn, readSystemNumber } from './identifiers.js';
import { isbn10To13, readIsbn } from './isbn.js';

describe('ISBN', () => {
  it('turns a valid ISBN-10 into ISBN-13 and keeps the qualifier apart', () => {
    expect(readIsbn('0679450041 (acid-free paper)')).toEqual({
      ok: true, isbn: { isbn13: '9780679450047', qualifier: 'acid-free paper' },
    });
    expect(isbn10To13('0786808772')).toBe('9780786808779');
  });

  it('reads hyphens, an X check digit, full-width brackets and Chinese qualifiers', () => {
    expect(readIsbn('7-5086-0007-X（精装）')).toMatchObject({ ok: true, isbn: { qualifier: '精装' } });
    expect(readIsbn('978-7-02-000220-7')).toEqual({ ok: true, isbn: { isbn13: '9787020002207', qualifier: null } });
  });

  it('drops prices that old practice put after the number', () => {
    expect(readIsbn('9787572101014 : CNY39.80')).toEqual({ ok: true, isbn: { isbn13: '9787572101014', qualifier: null } });
    expect(readIsbn('0194315185 (pbk.) : £5.50')).toMatchObject({ ok: true, isbn: { qualifier: 'pbk.' } });
  });

  it('takes the qualifier from $q when the record has one', () => {
    expect(readIsbn('9787572101014', '(hardcover)')).toMatchObject({ ok: true, isbn: { qualifier: 'hardcover' } });
  });

  it('says why an ISBN is invalid', () => {
    expect(readIsbn('0679450042')).toEqual({ ok: false, invalid: { value: '0679450042', reason: 'check-digit' } });
    expect(readIsbn('9787572101015')).toMatchObject({ ok: false, invalid: { reason: 'check-digit' } });
    expect(readIsbn('12345')).toMatchObject({ ok: false, invalid: { reason: 'length' } });
    expect(readIsbn('9771234567003')).toMatchObject({ ok: false, invalid: { reason: 'not-an-isbn' } });
    expect(readIsbn('JL03022802 set')).toMatchObject({ ok: false, invalid: { reason: 'length' } });
    expect(readIsbn('set :')).toMatchObject({ ok: false, invalid: { reason: 'no-number' } });
  });
});

describe('ISSN', () => {
  it('validates the check digit and writes the number with its hyphen', () => {
    expect(readIssn('0317-8471')).toEqual({ ok: true, issn: '0317-8471' });
    expect(readIssn('ISSN 2434561X')).toEqual({ ok: true, issn: '2434-561X' });
    expect(readIssn('0317-8472')).toEqual({ ok: false, value: '03178472', reason: 'check-digit' });
  });
});

describe('LCCN', () => {
  it('follows the Library of Congress normalisation', () => {
    expect(normaliseLccn('n78-890351 ')).toBe('n78890351');
    expect(normaliseLccn('   85-2 ')).toBe('85000002');
    expect(normaliseLccn('2001-000002')).toBe('2001000002');
    expect(normaliseLccn('   85153773 //r86')).toBe('85153773');
    expect(normaliseLccn('   70813420 /AJ/r86')).toBe('70813420');
    expect(normaliseLccn('  2002027497')).toBe('2002027497');
  });

  it('refuses what is not an LCCN', () => {
    expect(normaliseLccn('85-1234567')).toBeNull();
    expect(normaliseLccn('not a number')).toBeNull();
  });
});

describe('system numbers (035)', () => {
  it('finds OCLC numbers under their prefixes, without leading zeros', () => {
    for (const raw of ['(OCoLC)ocm00012345', '(OCoLC)12345', '(OCoLC)ocn000012345', '(OCoLC) on0000012345', 'ocm12345']) {
      expect(oclcNumber(readSystemNumber(raw)!)).toBe('12345');
    }
  });

  it('keeps other systems numbers apart and unmatched', () => {
    expect(readSystemNumber('(Sirsi) a353070')).toEqual({ source: 'Sirsi', value: 'a353070' });
    expect(oclcNumber(readSystemNumber('(Sirsi) a353070')!)).toBeNull();
    expect(oclcNumber(readSystemNumber('ocmDCLC6114599B')!)).toBeNull();
  });
});
