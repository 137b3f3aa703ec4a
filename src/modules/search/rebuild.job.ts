import type { JobHandler } from '../../platform/jobs/index.js';
import { searchIndexFor } from './service.js';

export const SEARCH_REBUILD = 'search.rebuild';

/** `anylib index rebuild` / POST /api/v1/search/index/rebuild: every document again, with progress; search answers meanwhile. */
export const rebuildJob: JobHandler<Record<string, never>> = async (_payload, ctx) => {
  const started = Date.now();
  let last = { done: 0, total: 0 };
  const result = await searchIndexFor(ctx.db).rebuild((p) => {
    last = p;
    const seconds = (Date.now() - started) / 1000;
    const perSecond = seconds > 0 ? Math.round(p.done / seconds) : 0;
    void ctx.progress({
      done: p.done, total: p.total, stage: 'indexing', perSecond,
      ...(perSecond > 0 ? { etaSeconds: Math.round((p.total - p.done) / perSecond) } : {}),
    });
  });
  await ctx.progress({ done: last.total, total: last.total, stage: 'done' });
  return result;
};
