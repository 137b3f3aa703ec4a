/**
 * A font with Chinese glyphs for PDF pull slips: PDF's standard fonts have none, and a title in
 * Chinese would print as nothing. Looked for once: the well-known Debian font files first
 * (fonts-wqy-microhei, fonts-wqy-zenhei, fonts-noto-cjk), then whatever fontconfig lists for
 * Chinese. Without one, slips are drawn in Helvetica and the server says so.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface CjkFont {
  file: string;
  /** The PostScript name of the face inside a collection (.ttc); undefined for a single-face file. */
  face: string | undefined;
}

const known: CjkFont[] = [
  { file: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', face: 'WenQuanYiMicroHei' },
  { file: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', face: 'WenQuanYiZenHei' },
  { file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular' },
  { file: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc', face: 'NotoSerifCJKsc-Regular' },
];

/** Font formats pdfkit embeds. */
const embeddable = /\.(ttf|ttc|otf)$/i;

function fromFontconfig(): CjkFont | undefined {
  try {
    const out = execFileSync('fc-list', [':lang=zh', '--format', '%{file}\t%{postscriptname}\n'], { encoding: 'utf8', timeout: 5000, stdio: ['ignore', 'pipe', 'ignore'] });
    const lines = out.split('\n').map((l) => l.split('\t')).filter(([file]) => file && embeddable.test(file));
    // A proportional face before a monospaced one.
    lines.sort(([, a], [, b]) => Number(/mono/i.test(a ?? '')) - Number(/mono/i.test(b ?? '')));
    const [file, face] = lines[0] ?? [];
    return file ? { file, face: file.toLowerCase().endsWith('.ttc') ? face : undefined } : undefined;
  } catch {
    return undefined; // no fontconfig on this machine
  }
}

let found: CjkFont | null | undefined;

/** The CJK font to draw slips with, or null when the machine has none. */
export function cjkFont(): CjkFont | null {
  if (found === undefined) found = known.find((f) => existsSync(f.file)) ?? fromFontconfig() ?? null;
  return found;
}
