/** SQL of fees and subsidies (migrations/0022_ill_fees.sql): the ledger of charges and the members' yearly subsidy budgets. */
import type { Queryable } from '../../../platform/db/index.js';
import type { Charge, LedgerEntry } from './charges.js';

export interface ChargeRow extends LedgerEntry {
  id: number;
  requestId: number;
  supplyId: number;
  service: 'loan' | 'copy';
  basis: Charge['basis'];
  agreement: string | null;
  subsidyRate: number;
  subsidyCapped: Charge['subsidyCapped'];
  chargedAt: string;
}

export const feesStore = {
  /**
   * The lending row a filling step charges — its own, else its request's current one — when it
   * has no charge yet; else null. One statement before the request is read: the borrowing side's
   * step of a loan its lender here has already charged (the usual case) reads nothing more.
   */
  async unchargedSupply(db: Queryable, requestId: number, supplyId: number | null): Promise<number | null> {
    const { rows } = await db.query<{ id: string }>(
      `SELECT s.id FROM (SELECT coalesce($2::bigint, (SELECT current_supply_id FROM ill_requests WHERE id = $1)) AS id) s
        WHERE s.id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ill_charges c WHERE c.supply_id = s.id)`,
      [requestId, supplyId],
    );
    return rows[0] ? Number(rows[0].id) : null;
  },

  /**
   * What is left of the member's budget for the year, locked until the transaction ends (two
   * charges at once cannot both spend the last of it); null when no budget is set.
   */
  async budgetLeft(tx: Queryable, libraryId: number, year: number): Promise<{ amount: number; currency: string } | null> {
    const { rows } = await tx.query<{ amount: string; currency: string }>('SELECT amount, currency FROM ill_subsidy_budgets WHERE library_id = $1 AND year = $2 FOR UPDATE', [libraryId, year]);
    const budget = rows[0];
    if (!budget) return null;
    const { rows: spent } = await tx.query<{ spent: string | null }>(
      `SELECT sum(subsidy) AS spent FROM ill_charges
        WHERE borrowing_library_id = $1 AND currency = $2 AND charged_at >= make_timestamptz($3, 1, 1, 0, 0, 0, 'UTC') AND charged_at < make_timestamptz($3 + 1, 1, 1, 0, 0, 0, 'UTC')`,
      [libraryId, budget.currency, year],
    );
    return { amount: Number(budget.amount) - Number(spent[0]?.spent ?? 0), currency: budget.currency };
  },

  /** Writes the charge of a lending row; false when it was charged before (nothing changes). */
  async insertCharge(tx: Queryable, c: { supplyId: number; requestId: number; borrowerId: number; lenderId: number; service: 'loan' | 'copy'; charge: Charge; at: string }): Promise<boolean> {
    const { rowCount } = await tx.query(
      `INSERT INTO ill_charges (supply_id, request_id, borrowing_library_id, lending_library_id, service, currency, fee, subsidy, borrower_pays, basis, agreement, subsidy_rate, subsidy_capped, charged_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14) ON CONFLICT (supply_id) DO NOTHING`,
      [
        c.supplyId, c.requestId, c.borrowerId, c.lenderId, c.service, c.charge.currency, c.charge.fee, c.charge.subsidy, c.charge.borrowerPays, c.charge.basis,
        c.charge.agreement, c.charge.subsidyRate, c.charge.subsidyCapped, c.at,
      ],
    );
    return rowCount === 1;
  },

  async putBudget(db: Queryable, libraryId: number, year: number, amount: number, currency: string): Promise<void> {
    await db.query(
      `INSERT INTO ill_subsidy_budgets (library_id, year, amount, currency) VALUES ($1, $2, $3, $4)
       ON CONFLICT (library_id, year) DO UPDATE SET amount = EXCLUDED.amount, currency = EXCLUDED.currency, updated_at = now()`,
      [libraryId, year, amount, currency],
    );
  },

  /** A library's charges of a month (as borrower or lender), months in UTC, oldest first. */
  async chargesOfMonth(db: Queryable, libraryId: number, month: string): Promise<ChargeRow[]> {
    const { rows } = await db.query(
      `SELECT c.*, b.symbol AS borrower, l.symbol AS lender FROM ill_charges c
         JOIN libraries b ON b.id = c.borrowing_library_id JOIN libraries l ON l.id = c.lending_library_id
        WHERE (c.borrowing_library_id = $1 OR c.lending_library_id = $1)
          AND c.charged_at >= ($2 || '-01T00:00:00Z')::timestamptz AND c.charged_at < (($2 || '-01')::date + interval '1 month')::timestamp AT TIME ZONE 'UTC'
        ORDER BY c.charged_at, c.id`,
      [libraryId, month],
    );
    return rows.map((r) => ({
      id: Number(r.id), requestId: Number(r.request_id), supplyId: Number(r.supply_id), borrower: r.borrower as string, lender: r.lender as string, service: r.service as ChargeRow['service'],
      currency: r.currency as string, fee: Number(r.fee), subsidy: Number(r.subsidy), borrowerPays: Number(r.borrower_pays), basis: r.basis as Charge['basis'],
      agreement: (r.agreement as string | null) ?? null, subsidyRate: Number(r.subsidy_rate), subsidyCapped: (r.subsidy_capped as Charge['subsidyCapped']) ?? null,
      chargedAt: new Date(r.charged_at as string).toISOString(),
    }));
  },
};
