/**
 * Code 128 (subset B: printable ASCII), drawn by us (pure): the lending request's id on a pull
 * slip, for the desk's scanner. A symbol is six alternating bar and space widths in modules
 * (eleven modules each; the stop symbol has seven widths, thirteen modules), after a quiet zone.
 */
const PATTERNS = [
  '212222', '222122', '222221', '121223', '121322', '131222', '122213', '122312', '132212', '221213',
  '221312', '231212', '112232', '122132', '122231', '113222', '123122', '123221', '223211', '221132',
  '221231', '213212', '223112', '312131', '311222', '321122', '321221', '312212', '322112', '322211',
  '212123', '212321', '232121', '111323', '131123', '131321', '112313', '132113', '132311', '211313',
  '231113', '231311', '112133', '112331', '132131', '113123', '113321', '133121', '313121', '211331',
  '231131', '213113', '213311', '213131', '311123', '311321', '331121', '312113', '312311', '332111',
  '314111', '221411', '431111', '111224', '111422', '121124', '121421', '141122', '141221', '112214',
  '112412', '122114', '122411', '142112', '142211', '241211', '221114', '413111', '241112', '134111',
  '111242', '121142', '121241', '114212', '124112', '124211', '411212', '421112', '421211', '212141',
  '214121', '412121', '111143', '111341', '131141', '114113', '114311', '411113', '411311', '113141',
  '114131', '311141', '411131', '211412', '211214', '211232', '2331112',
] as const;

export const CODE128 = { patterns: PATTERNS, startB: 104, stop: 106 } as const;

/** The symbol values of `text` in subset B: start, data, check symbol, stop. Throws on characters outside printable ASCII. */
export function code128Values(text: string): number[] {
  const values: number[] = [CODE128.startB];
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (ch.length !== 1 || code < 32 || code > 126) throw new RangeError(`Code 128 B cannot encode ${JSON.stringify(ch)}`);
    values.push(code - 32);
  }
  const check = values.reduce((sum, v, i) => sum + v * Math.max(i, 1), 0) % 103;
  return [...values, check, CODE128.stop];
}

/** Bars as [x, width] in modules from the left edge, quiet zone of ten modules included; and the total width. */
export function code128Bars(text: string): { bars: [number, number][]; width: number } {
  const bars: [number, number][] = [];
  let x = 10;
  for (const v of code128Values(text)) {
    const widths = PATTERNS[v]!;
    for (let i = 0; i < widths.length; i++) {
      const w = Number(widths[i]);
      if (i % 2 === 0) bars.push([x, w]);
      x += w;
    }
  }
  return { bars, width: x + 10 };
}

/** The barcode as an SVG element (for the HTML slips), `height` in modules. */
export function code128Svg(text: string, height = 40): string {
  const { bars, width } = code128Bars(text);
  const rects = bars.map(([x, w]) => `<rect x="${x}" y="0" width="${w}" height="${height}"/>`).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" class="barcode" viewBox="0 0 ${width} ${height}" width="${width * 1.5}" height="${height * 1.2}" role="img" aria-label="${text}" shape-rendering="crispEdges"><rect width="${width}" height="${height}" fill="#fff"/><g fill="#000">${rects}</g></svg>`;
}
