import { warning, type Problem } from '../problems.js';
import { digits, isPrintable, latin1Slice } from './bytes.js';

/** What the leader says about how the rest of the record is laid out (ISO 2709 §4.2). */
export interface LeaderLayout {
  /** The 24 characters, with unprintable bytes replaced by blanks. */
  text: string;
  /** leader/00–04, or -1 when not digits. */
  recordLength: number;
  /** leader/12–16, or -1 when not digits. */
  baseAddress: number;
  /** leader/10: indicators per data field (2 in MARC 21 and UNIMARC). */
  indicatorCount: number;
  /** leader/20 and 21: digits in a directory entry's field length and starting position (4, 5). */
  lengthOfLength: number;
  lengthOfStart: number;
  /** leader/22: implementation-defined digits at the end of each entry (0). */
  lengthOfImplementation: number;
}

/**
 * Reads the 24 bytes at `at`. Positions that do not hold what ISO 2709 requires are reported as
 * warnings and read as MARC 21's values (2 indicators, subfield codes of 1 character, entries of
 * 4 + 5 + 0 digits), which is what every MARC 21 and UNIMARC record uses anyway.
 */
export function readLeader(buf: Buffer, at: number, problems: Problem[]): LeaderLayout {
  let text: string;
  let clean = true;
  for (let i = at; i < at + 24; i++) if (!isPrintable(buf[i]!)) clean = false;
  if (clean) text = latin1Slice(buf, at, at + 24);
  else {
    text = '';
    for (let i = at; i < at + 24; i++) {
      const b = buf[i]!;
      if (isPrintable(b)) text += String.fromCharCode(b);
      else {
        text += ' ';
        problems.push(warning('leader-invalid', `leader/${String(i - at).padStart(2, '0')} is byte 0x${b.toString(16)}, read as a blank`, 'leader'));
      }
    }
  }
  const layout: LeaderLayout = {
    text,
    recordLength: digits(buf, at, 5),
    baseAddress: digits(buf, at + 12, 5),
    indicatorCount: digits(buf, at + 10, 1),
    lengthOfLength: digits(buf, at + 20, 1),
    lengthOfStart: digits(buf, at + 21, 1),
    lengthOfImplementation: digits(buf, at + 22, 1),
  };
  if (layout.indicatorCount < 1) {
    problems.push(warning('leader-invalid', `leader/10 (indicator count) is '${text[10]}', read as 2`, 'leader'));
    layout.indicatorCount = 2;
  } else if (layout.indicatorCount !== 2) {
    problems.push(warning('leader-invalid', `leader/10 says ${layout.indicatorCount} indicators; the first 2 are kept, others dropped or blank`, 'leader'));
  }
  if (buf[at + 11] !== 0x32) problems.push(warning('leader-invalid', `leader/11 (subfield code length) is '${text[11]}', read as 2`, 'leader'));
  if (layout.lengthOfLength < 1) {
    problems.push(warning('leader-invalid', `leader/20 (length of field length) is '${text[20]}', read as 4`, 'leader'));
    layout.lengthOfLength = 4;
  }
  if (layout.lengthOfStart < 1) {
    problems.push(warning('leader-invalid', `leader/21 (length of starting position) is '${text[21]}', read as 5`, 'leader'));
    layout.lengthOfStart = 5;
  }
  if (layout.lengthOfImplementation < 0) {
    problems.push(warning('leader-invalid', `leader/22 (length of implementation-defined part) is '${text[22]}', read as 0`, 'leader'));
    layout.lengthOfImplementation = 0;
  }
  return layout;
}
