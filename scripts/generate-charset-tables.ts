/**
 * Generates the character-set tables of `src/modules/catalog/domain/charset/tables/` as data, at
 * development time, from trusted sources installed on this machine (Debian packages):
 *
 * - MARC-8 (all single-byte sets and EACC): the Library of Congress code tables as compiled into
 *   Perl MARC::Charset's table (package libmarc-charset-perl, /usr/share/perl5/MARC/Charset/Table,
 *   a GDBM file built from LC's codetables.xml). We read it through MARC::Charset::Table itself.
 * - ISO 5426 (UNIMARC extended Latin): YAZ's converter (package yaz, `yaz-iconv -f ISO5426`),
 *   probed byte by byte; a byte YAZ drops is unmapped.
 *
 * Run: `npx tsx scripts/generate-charset-tables.ts` — then review the diff and commit it.
 * The output is deterministic (sorted), so re-running without a source change changes nothing.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'src/modules/catalog/domain/charset/tables');

function packageVersion(pkg: string): string {
  return execFileSync('dpkg-query', ['-W', '-f', '${Version}', pkg], { encoding: 'utf8' }).trim();
}

/** One MARC::Charset code: the set's final character, the MARC-8 code (hex), the UCS value (hex). */
interface Marc8Code {
  set: string;
  marc: string;
  ucs: string;
  combining: boolean;
  /** Set for the right half of a double diacritic (ANSEL EC, FB): dropped in Unicode (LC 45.html Note 1). */
  rightHalf: boolean;
}

const perlDump = String.raw`
use strict; use warnings;
use MARC::Charset::Table; use Storable qw(thaw);
my $db = MARC::Charset::Table->new()->db();
while (my ($k, $v) = each %$db) {
  next if $k =~ /^\d+$/;             # the UCS-keyed entries are the reverse mapping
  my $c = thaw($v);
  printf "%s\t%s\t%s\t%d\t%d\n", chr(hex($c->charset())), uc($c->marc()), uc($c->ucs()),
    $c->is_combining() ? 1 : 0, defined($c->marc_left_half()) ? 1 : 0;
}`;

function readMarcCharset(): Marc8Code[] {
  const tsv = execFileSync('perl', ['-e', perlDump], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return tsv
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [set = '', marc = '', ucs = '', combining = '0', rightHalf = '0'] = line.split('\t');
      return { set, marc, ucs, combining: combining === '1', rightHalf: rightHalf === '1' };
    });
}

/** A TypeScript string literal; anything not plainly printable is escaped so the file stays readable. */
function literal(text: string): string {
  let out = "'";
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (ch === "'" || ch === '\\') out += '\\' + ch;
    else if (cp >= 0x20 && cp < 0x7f) out += ch;
    else if (/[\p{L}\p{N}]/u.test(ch) && !/\p{M}/u.test(ch) && !(cp >= 0xe000 && cp <= 0xf8ff)) out += ch;
    else if (cp > 0xffff) out += `\\u{${cp.toString(16).toUpperCase()}}`;
    else out += `\\u${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return out + "'";
}

/** Marks "no mapping" inside the 94-character strings of the single-byte sets. */
const UNMAPPED = '\uFFFF';

const SET_NAMES: Record<string, string> = {
  B: 'Basic Latin (ASCII)',
  E: 'Extended Latin (ANSEL)',
  g: 'Greek symbols',
  b: 'Subscripts',
  p: 'Superscripts',
  '2': 'Basic Hebrew',
  N: 'Basic Cyrillic',
  Q: 'Extended Cyrillic',
  '3': 'Basic Arabic',
  '4': 'Extended Arabic',
  S: 'Basic Greek',
};

function generateMarc8(codes: Marc8Code[], source: string): void {
  const sets = Object.keys(SET_NAMES).map((final) => {
    const mine = codes.filter((c) => c.set === final);
    const cells = Array.from({ length: 94 }, () => UNMAPPED);
    const combining: number[] = [];
    const dropped: number[] = [];
    const controls: [number, string][] = [];
    for (const c of mine) {
      const byte = parseInt(c.marc, 16);
      const char = String.fromCodePoint(parseInt(c.ucs, 16));
      if (byte >= 0x21 && byte <= 0x7e) {
        cells[byte - 0x21] = char;
        if (c.combining) combining.push(byte);
        if (c.rightHalf) dropped.push(byte);
      } else if (byte >= 0x80 && byte <= 0x9f) {
        controls.push([byte, char]); // ANSEL's C1 characters: non-sort markers, joiners
      }
    }
    combining.sort((a, b) => a - b);
    dropped.sort((a, b) => a - b);
    controls.sort((a, b) => a[0] - b[0]);
    const hex = (n: number) => '0x' + n.toString(16).toUpperCase();
    return [
      '  {',
      `    final: ${literal(final)},`,
      `    name: ${literal(SET_NAMES[final]!)},`,
      `    cells: ${literal(cells.join(''))},`,
      `    combining: [${combining.map(hex).join(', ')}],`,
      `    rightHalves: [${dropped.map(hex).join(', ')}],`,
      `    controls: [${controls.map(([b, ch]) => `[${hex(b)}, ${literal(ch)}]`).join(', ')}],`,
      '  },',
    ].join('\n');
  });

  const eacc = codes
    .filter((c) => c.set === '1')
    .map((c) => ({ key: parseInt(c.marc, 16), char: String.fromCodePoint(parseInt(c.ucs, 16)) }))
    .sort((a, b) => a.key - b.key);
  // Runs of consecutive codes: six hex digits of the run's first code, then its characters.
  const runs: string[] = [];
  let current = '';
  let next = -1;
  for (const { key, char } of eacc) {
    if (key !== next) {
      if (current) runs.push(current);
      current = key.toString(16).toUpperCase().padStart(6, '0');
    }
    current += char;
    next = key + 1;
  }
  if (current) runs.push(current);

  const header = (what: string) =>
    [
      '// GENERATED by scripts/generate-charset-tables.ts — do not edit by hand.',
      `// ${what}`,
      `// Source: ${source}.`,
      '',
    ].join('\n');

  writeFileSync(
    join(outDir, 'marc8-sets.generated.ts'),
    header('MARC-8 single-byte graphic sets, indexed by the G0 form of the byte (0x21–0x7E).') +
      [
        '',
        '/** One MARC-8 single-byte set; `cells[b - 0x21]` is the character of byte b (U+FFFF: no mapping). */',
        'export interface Marc8SetData {',
        '  /** Final character of the escape sequence that designates the set (LC: speccharmarc8). */',
        '  final: string;',
        '  name: string;',
        '  cells: string;',
        '  /** Bytes (G0 form) that are non-spacing diacritics: they precede their base letter in MARC-8. */',
        '  combining: readonly number[];',
        '  /** Right halves of double diacritics: not carried over to Unicode (LC code table 45, Note 1). */',
        '  rightHalves: readonly number[];',
        '  /** C1 bytes (0x80–0x9F) the set defines, such as the non-sort markers 0x88/0x89. */',
        '  controls: readonly (readonly [number, string])[];',
        '}',
        '',
        'export const MARC8_SETS: readonly Marc8SetData[] = [',
        ...sets,
        '];',
        '',
      ].join('\n'),
  );

  writeFileSync(
    join(outDir, 'eacc.generated.ts'),
    header(`MARC-8 East Asian Character Code (EACC, ESC $ 1): ${eacc.length} three-byte codes.`) +
      [
        '',
        '/**',
        ' * Runs of consecutive EACC codes: the first six characters are the hexadecimal code of the',
        ' * run\'s first character, the rest are the characters of that code and the codes after it.',
        ' */',
        'export const EACC_RUNS: readonly string[] = [',
        ...runs.map((r) => `  ${literal(r)},`),
        '];',
        '',
      ].join('\n'),
  );
  console.log(`MARC-8: ${sets.length} single-byte sets, EACC ${eacc.length} codes in ${runs.length} runs`);
}

function yazIso5426(bytes: number[]): string {
  try {
    return execFileSync('yaz-iconv', ['-f', 'ISO5426', '-t', 'UTF8'], { input: Buffer.from(bytes), stdio: ['pipe', 'pipe', 'ignore'] }).toString('utf8');
  } catch {
    return '';
  }
}

function generateIso5426(source: string): void {
  // ISO 5426 is a 96-character G1 set (0xA0–0xFF); its non-spacing diacritics (0xC0–0xDF) precede
  // the base letter like ANSEL's. YAZ outputs a diacritic only with its base, so each byte is
  // probed alone and before an 'a'.
  const cells: string[] = [];
  const combining: number[] = [];
  for (let byte = 0xa0; byte <= 0xff; byte++) {
    const alone = yazIso5426([byte]);
    const withBase = yazIso5426([byte, 0x61]);
    if (alone && !alone.startsWith('invalid')) {
      cells.push(alone);
    } else if (withBase.length > 1 && withBase.startsWith('a')) {
      cells.push(withBase.slice(1));
      combining.push(byte);
    } else {
      cells.push(UNMAPPED);
    }
  }
  const hex = (n: number) => '0x' + n.toString(16).toUpperCase();
  writeFileSync(
    join(outDir, 'iso5426.generated.ts'),
    [
      '// GENERATED by scripts/generate-charset-tables.ts — do not edit by hand.',
      '// ISO 5426 (extended Latin for bibliographic use, UNIMARC 100 $a/26-29 code 03), bytes 0xA0–0xFF.',
      `// Source: ${source}.`,
      '',
      '/** `ISO5426_CELLS[b - 0xA0]` is the character of byte b (U+FFFF: no mapping). */',
      `export const ISO5426_CELLS = ${literal(cells.join(''))};`,
      '',
      '/** Non-spacing diacritics: they precede their base letter. */',
      `export const ISO5426_COMBINING: readonly number[] = [${combining.map(hex).join(', ')}];`,
      '',
    ].join('\n'),
  );
  console.log(`ISO 5426: ${cells.filter((c) => c !== UNMAPPED).length} mapped bytes, ${combining.length} diacritics`);
}

mkdirSync(outDir, { recursive: true });
generateMarc8(readMarcCharset(), `Perl MARC::Charset 1.35 table (Debian libmarc-charset-perl ${packageVersion('libmarc-charset-perl')}), compiled from the LC MARC-8 code tables`);
generateIso5426(`yaz-iconv -f ISO5426 (Debian yaz ${packageVersion('yaz')})`);
