import { describe, expect, it } from 'vitest';
import { checkDraft, emptyDraft, toNewRequest } from './request-form';

describe('the request form, checked as the reader types', () => {
  const today = '2026-12-06';
  const one = { clusterId: 1, citation: null };

  it('accepts a plain loan request and sends only what was filled in', () => {
    expect(checkDraft(emptyDraft, today)).toEqual({});
    expect(toNewRequest({ clusterId: 212, citation: null }, { ...emptyDraft, note: '  for my thesis ' })).toEqual({ clusterId: 212, service: 'loan', edition: 'any', note: 'for my thesis' });
  });

  it('asks a copy request which part to copy, and sends the copy details only for copies', () => {
    const copy = { ...emptyDraft, service: 'copy' as const };
    expect(checkDraft(copy, today)).toEqual({ articleTitle: 'request.problem.copyNeedsPart' });
    expect(checkDraft({ ...copy, pages: '12-30' }, today)).toEqual({});
    expect(toNewRequest(one, { ...copy, pages: '12-30' })).toMatchObject({ service: 'copy', pages: '12-30' });
    expect(toNewRequest(one, { ...emptyDraft, pages: '12-30' })).not.toHaveProperty('pages');
  });

  it('refuses a date already past and text over the API’s limits', () => {
    expect(checkDraft({ ...emptyDraft, neededBy: '2026-12-05' }, today)).toEqual({ neededBy: 'request.problem.pastDate' });
    expect(checkDraft({ ...emptyDraft, neededBy: '2026-12-06' }, today)).toEqual({});
    expect(checkDraft({ ...emptyDraft, note: 'x'.repeat(2001) }, today)).toEqual({ note: 'request.problem.tooLong' });
  });

  it('sends a citation from a link when the union catalogue has no record named', () => {
    const citation = { title: 'Dream of the Red Chamber', year: 1982 };
    expect(toNewRequest({ clusterId: null, citation }, emptyDraft)).toMatchObject({ citation });
    expect(toNewRequest({ clusterId: 5, citation }, emptyDraft)).not.toHaveProperty('citation');
  });

  it('says "place it anyway" only when asked to', () => {
    expect(toNewRequest(one, emptyDraft, true)).toMatchObject({ confirm: true });
    expect(toNewRequest(one, emptyDraft)).not.toHaveProperty('confirm');
  });
});
