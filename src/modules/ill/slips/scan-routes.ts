/**
 * The lending desk's scanner: the barcode on a pull slip (LEND-<id>) names the lending request;
 * the desk's chosen action (mark picked, ship, check in, deliver a copy) is taken on it as if by
 * its button, with the same checks and refusals.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IllErrors } from '../errors.js';
import { illStore } from '../ill.store.js';
import { presentSupply } from '../presenters.js';
import { supplyView } from '../schemas.js';
import { actOnSupply } from '../supply.service.js';

/** What a pull slip's barcode holds, or the lending request's bare number typed by hand. */
export function lendingIdOfBarcode(barcode: string): number | undefined {
  const m = /^\s*(?:LEND-)?(\d{1,15})\s*$/i.exec(barcode);
  return m ? Number(m[1]) : undefined;
}

export const scanRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/ill/lending/scan',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['ill'],
        summary: 'Scan a pull slip’s barcode (LEND-<id>) at the lending desk to mark it picked, ship it, check it in or deliver the copy',
        description: 'Staff with `lending` in the lending library. The same step as the action route, refused the same way (409 ILL_ACTION_REFUSED) when the request’s state does not allow it.',
        body: z.strictObject({
          barcode: z.string().trim().min(1).max(40),
          action: z.enum(['mark-picked', 'ship', 'check-in', 'deliver-copy']),
          dueDate: z.iso.date().optional().describe('ship: the loan’s due date (else the lending policy’s loan period)'),
        }),
        response: { 200: supplyView },
      },
    },
    async (req) => {
      const id = lendingIdOfBarcode(req.body.barcode);
      if (id === undefined) throw IllErrors.ILL_SUPPLY_NOT_FOUND({ id: req.body.barcode });
      const s = await actOnSupply(app.db, req.principal!, id, req.body.action, req.body.dueDate ? { dueDate: req.body.dueDate } : {}, req.locale);
      return presentSupply(s, req.locale, await illStore.events(app.db, s.requestId, s.id));
    },
  );
};
