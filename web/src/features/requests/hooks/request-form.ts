import type { Citation } from '../domain/openurl-citation';
import type { NewRequest } from './use-requests';

/** The request form as typed (strings), before it becomes the API's body. */
export interface RequestDraft {
  service: 'loan' | 'copy' | 'either';
  edition: 'this' | 'any';
  articleTitle: string;
  pages: string;
  volume: string;
  issue: string;
  neededBy: string;
  pickupLocation: string;
  note: string;
}

export const emptyDraft: RequestDraft = { service: 'loan', edition: 'any', articleTitle: '', pages: '', volume: '', issue: '', neededBy: '', pickupLocation: '', note: '' };

/** i18n keys of what is wrong, by field, checked as the reader types (the server checks again). */
export type DraftProblems = Partial<Record<keyof RequestDraft, string>>;

/** The same limits as the API's schema (src/modules/ill/schemas.ts), so the reader learns them before sending. */
export function checkDraft(d: RequestDraft, today: string): DraftProblems {
  const problems: DraftProblems = {};
  if (d.service === 'copy' && !d.articleTitle.trim() && !d.pages.trim()) problems.articleTitle = 'request.problem.copyNeedsPart';
  if (d.articleTitle.length > 1000) problems.articleTitle = 'request.problem.tooLong';
  if (d.pages.length > 100) problems.pages = 'request.problem.tooLong';
  if (d.volume.length > 50) problems.volume = 'request.problem.tooLong';
  if (d.issue.length > 50) problems.issue = 'request.problem.tooLong';
  if (d.neededBy && !/^\d{4}-\d{2}-\d{2}$/.test(d.neededBy)) problems.neededBy = 'request.problem.badDate';
  else if (d.neededBy && d.neededBy < today) problems.neededBy = 'request.problem.pastDate';
  if (d.pickupLocation.length > 200) problems.pickupLocation = 'request.problem.tooLong';
  if (d.note.length > 2000) problems.note = 'request.problem.tooLong';
  return problems;
}

/** What is asked for: a union record, a citation (from a link or typed), or both (the link names the record). */
export interface RequestTarget {
  clusterId: number | null;
  citation: Citation | null;
}

/** The API body: blank fields left out, copy details only for copies. */
export function toNewRequest(target: RequestTarget, d: RequestDraft, confirm = false): NewRequest {
  const opt = (s: string) => (s.trim() ? s.trim() : undefined);
  const copy = d.service !== 'loan';
  return {
    ...(target.clusterId ? { clusterId: target.clusterId } : {}),
    ...(target.citation && !target.clusterId ? { citation: target.citation } : {}),
    service: d.service,
    edition: d.edition,
    ...(copy ? { articleTitle: opt(d.articleTitle), pages: opt(d.pages), volume: opt(d.volume), issue: opt(d.issue) } : {}),
    neededBy: opt(d.neededBy),
    pickupLocation: opt(d.pickupLocation),
    note: opt(d.note),
    ...(confirm ? { confirm: true } : {}),
  };
}
