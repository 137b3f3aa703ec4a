/**
 * The CSV layouts of the directory (docs/network-format.md): one row per library, one row per
 * alliance, one row per membership. Each column says where its value sits in the network
 * document and how a cell is read, so reading, writing and naming a bad cell all come from
 * this one table.
 */

/** How a cell is read: text as is; numbers; true/false; a `;`-separated list; a JSON value. */
export type CellKind = 'text' | 'number' | 'boolean' | 'list' | 'json';

export interface Column {
  name: string;
  path: readonly string[];
  kind: CellKind;
  required?: boolean;
}

export type LayoutName = 'libraries' | 'alliances' | 'memberships';

const col = (name: string, path: string, kind: CellKind = 'text', required = false): Column => ({ name, path: path.split('.'), kind, required });

export const layouts: Record<LayoutName, readonly Column[]> = {
  libraries: [
    col('symbol', 'symbol', 'text', true),
    col('name_zh', 'name.zh', 'text', true),
    col('name_en', 'name.en', 'text', true),
    col('type', 'type', 'text', true),
    col('province', 'province', 'text', true),
    col('city_zh', 'city.zh'),
    col('city_en', 'city.en'),
    col('lat', 'coordinates.lat', 'number'),
    col('lon', 'coordinates.lon', 'number'),
    col('fte', 'fte', 'number'),
    col('target_lend_borrow_ratio', 'targetLendBorrowRatio', 'number'),
    col('lends_returnables', 'lendingPolicy.lendsReturnables', 'boolean'),
    col('supplies_copies', 'lendingPolicy.suppliesCopies', 'boolean'),
    col('loan_period_days', 'lendingPolicy.loanPeriodDays', 'number'),
    col('renewals', 'lendingPolicy.renewals', 'number'),
    col('excluded_material_types', 'lendingPolicy.excludedMaterialTypes', 'list'),
    col('fee_currency', 'lendingPolicy.fees.currency'),
    col('fee_loan', 'lendingPolicy.fees.loan', 'number'),
    col('fee_copy_per_page', 'lendingPolicy.fees.copyPerPage', 'number'),
    col('fee_copy_minimum', 'lendingPolicy.fees.copyMinimum', 'number'),
    col('iso18626', 'endpoints.iso18626'),
    col('oai_pmh', 'endpoints.oaiPmh'),
    col('sru', 'endpoints.sru'),
    col('ncip', 'endpoints.ncip'),
    col('contacts', 'contacts', 'json'),
    col('closed_days', 'closedDays', 'json'),
  ],
  alliances: [
    col('code', 'code', 'text', true),
    col('name_zh', 'name.zh', 'text', true),
    col('name_en', 'name.en', 'text', true),
    col('kind', 'kind', 'text', true),
    col('tier', 'tier', 'text', true),
    col('parent', 'parent'),
    col('management_centre', 'managementCentre'),
    col('founded', 'founded', 'number'),
    col('stated_member_count', 'statedMemberCount', 'number'),
    col('province', 'province'),
    col('organisation_model', 'organisationModel'),
    col('management_model', 'managementModel'),
    col('website', 'website'),
    col('description_zh', 'description.zh'),
    col('description_en', 'description.en'),
  ],
  memberships: [col('alliance', 'alliance', 'text', true), col('library', 'library', 'text', true), col('role', 'role', 'text', true), col('joined', 'joined')],
};

/** Which layout a header row is written in, or undefined when it fits none. */
export function layoutOf(header: readonly string[]): LayoutName | undefined {
  const has = (c: string) => header.includes(c);
  if (has('alliance') && has('library')) return 'memberships';
  if (has('symbol')) return 'libraries';
  if (has('code')) return 'alliances';
  return undefined;
}

/** A cell that cannot be read as its column's kind (JSON that does not parse). */
export class CellError extends Error {}

/**
 * One row as a directory entry: empty cells leave their field out. A number or true/false that
 * does not read as one is kept as text, so the entry's schema names the field and the problem.
 */
export function rowToEntry(columns: readonly Column[], cells: readonly string[]): { entry: Record<string, unknown>; errors: { column: string; reason: string }[] } {
  const entry: Record<string, unknown> = {};
  const errors: { column: string; reason: string }[] = [];
  columns.forEach((c, i) => {
    const cell = (cells[i] ?? '').trim();
    if (cell === '') return;
    try {
      setAt(entry, c.path, readCell(c.kind, cell));
    } catch (err) {
      errors.push({ column: c.name, reason: (err as Error).message });
    }
  });
  return { entry, errors };
}

/** One directory entry as a row, in the layout's column order. */
export function entryToRow(columns: readonly Column[], entry: object): string[] {
  return columns.map((c) => writeCell(c.kind, getAt(entry, c.path)));
}

/** The column that holds a field of an entry (`['lendingPolicy', 'fees', 'loan']` → fee_loan). */
export function columnOf(columns: readonly Column[], path: readonly (string | number)[]): Column | undefined {
  let best: Column | undefined;
  for (const c of columns) {
    if (c.path.length <= path.length && c.path.every((p, i) => path[i] === p) && (!best || c.path.length > best.path.length)) best = c;
  }
  return best;
}

function readCell(kind: CellKind, cell: string): unknown {
  switch (kind) {
    case 'text':
      return cell;
    case 'number':
      return /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(cell) ? Number(cell) : cell;
    case 'boolean': {
      const v = cell.toLowerCase();
      return ['true', 'yes', '1'].includes(v) ? true : ['false', 'no', '0'].includes(v) ? false : cell;
    }
    case 'list':
      return cell
        .split(';')
        .map((s) => s.trim())
        .filter(Boolean);
    case 'json':
      try {
        return JSON.parse(cell) as unknown;
      } catch (err) {
        throw new CellError((err as Error).message);
      }
  }
}

function writeCell(kind: CellKind, value: unknown): string {
  if (value === undefined || value === null) return '';
  switch (kind) {
    case 'list':
      return (value as unknown[]).join('; ');
    case 'json':
      return JSON.stringify(value);
    default:
      return String(value);
  }
}

function setAt(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target;
  path.slice(0, -1).forEach((p) => {
    node[p] ??= {};
    node = node[p] as Record<string, unknown>;
  });
  node[path[path.length - 1]!] = value;
}

function getAt(source: object, path: readonly string[]): unknown {
  let node: unknown = source;
  for (const p of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[p];
  }
  return node;
}
