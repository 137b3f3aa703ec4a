import { describe, expect, it } from 'vitest';
import { detectFlavour, FlavourChooser, type FlavourEvidence } from './flavour.js';

const none: FlavourEvidence = { leader: '00000nam  2200000   4500', has245: false, has200: false, has040: false, has801: false };

describe('telling MARC 21 from UNIMARC', () => {
  it('needs two signs, not one', () => {
    expect(detectFlavour({ ...none, has245: true, length008: 40 })).toBe('marc21');
    expect(detectFlavour({ ...none, leader: '00000nam0 2200000   450 ', has200: true, start100a: '20140514d2014    u  y0itay50      ba' })).toBe('unimarc');
    expect(detectFlavour({ ...none, has801: true })).toBeUndefined(); // 801 against a leader ending 4500
    expect(detectFlavour(none)).toBeUndefined();
  });

  it('does not take a MARC 21 100 $a (a name) for UNIMARC processing data', () => {
    expect(detectFlavour({ ...none, has245: true, start100a: 'Mullin, Virginia L.' })).toBe('marc21');
    expect(detectFlavour({ ...none, has245: false, start100a: 'Mullin, Virginia L.' })).toBeUndefined();
  });

  it('carries the last flavour found over records that do not say, and guesses MARC 21 at first', () => {
    const c = new FlavourChooser();
    expect(c.choose(() => none)).toEqual({ flavour: 'marc21', guessed: true });
    expect(c.choose(() => ({ ...none, has200: true, has801: true }))).toEqual({ flavour: 'unimarc', guessed: false });
    expect(c.choose(() => none)).toEqual({ flavour: 'unimarc', guessed: false });
    expect(new FlavourChooser('unimarc').choose(() => ({ ...none, has245: true, length008: 40 }))).toEqual({ flavour: 'unimarc', guessed: false });
  });
});
