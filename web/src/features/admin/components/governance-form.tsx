import { useEffect, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../shared/api';
import { ProblemNotice } from '../../../shared/ui';
import type { AllianceView, GovernanceBody } from '../hooks/use-directory';
import { useDraft } from '../hooks/use-draft';
import { SavedNotice, SelectField, TextField, serverFieldProblems, useFieldProblem } from './form-kit';

const bodies = ['member-assembly', 'council', 'standing-council', 'executive-council', 'business-centre', 'secretariat'] as const;
const positions = ['chair', 'vice-chair', 'director', 'standing-director', 'secretary-general', 'member'] as const;

interface SeatDraft {
  position: string;
  library: string;
  person: string;
  termStart: string;
  termEnd: string;
}
interface BodyDraft {
  body: string;
  nameZh: string;
  nameEn: string;
  seats: SeatDraft[];
}

const draftOf = (g: GovernanceBody[]): BodyDraft[] =>
  g.map((b) => ({
    body: b.body,
    nameZh: b.name?.zh ?? '',
    nameEn: b.name?.en ?? '',
    seats: (b.seats ?? []).map((s) => ({ position: s.position, library: s.library ?? '', person: s.person ?? '', termStart: s.termStart ?? '', termEnd: s.termEnd ?? '' })),
  }));

const symbolPattern = /^[A-Z]{2}-[A-Za-z0-9-]{1,13}$|^[A-Z][A-Z0-9-]{1,15}:[A-Za-z0-9._-]{1,32}$/;
const isDay = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(s));

/** The API schema's rules for governance (src/modules/network/domain/document.ts), by the body's paths (`[0].seats[1].library`). */
function check(d: BodyDraft[]): Record<string, string> {
  const p: Record<string, string> = {};
  d.forEach((b, i) => {
    if (Boolean(b.nameZh.trim()) !== Boolean(b.nameEn.trim())) p[`[${i}].name.${b.nameZh.trim() ? 'en' : 'zh'}`] = 'admin.problem.bothLanguages';
    b.seats.forEach((s, j) => {
      const at = `[${i}].seats[${j}]`;
      if (s.library && !symbolPattern.test(s.library)) p[`${at}.library`] = 'admin.problem.symbol';
      if (s.termStart && !isDay(s.termStart)) p[`${at}.termStart`] = 'admin.problem.date';
      if (s.termEnd && !isDay(s.termEnd)) p[`${at}.termEnd`] = 'admin.problem.date';
      else if (s.termEnd && isDay(s.termStart) && s.termEnd < s.termStart) p[`${at}.termEnd`] = 'admin.problem.endBeforeStart';
    });
  });
  return p;
}

const opt = (s: string) => (s.trim() ? s.trim() : undefined);
const toBody = (d: BodyDraft[]): GovernanceBody[] =>
  d.map((b) => ({
    body: b.body,
    name: b.nameZh.trim() ? { zh: b.nameZh.trim(), en: b.nameEn.trim() } : undefined,
    seats: b.seats.map((s) => ({ position: s.position, library: opt(s.library), person: opt(s.person), termStart: opt(s.termStart), termEnd: opt(s.termEnd) })),
  }));

/** An alliance's governance bodies and their seats, replaced as a whole (PUT /api/v1/alliances/{code}/governance). */
export function GovernanceForm({ alliance }: { alliance: AllianceView }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const { draft, update, reset, attempt, visible } = useDraft(draftOf(alliance.governance));
  useEffect(() => reset(draftOf(alliance.governance)), [alliance.governance, reset]);
  const save = useMutation({
    mutationFn: (body: GovernanceBody[]) => api<GovernanceBody[]>(`/alliances/${encodeURIComponent(alliance.code)}/governance`, { method: 'PUT', body }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['admin', 'alliance', alliance.code] }),
  });
  const problemAt = useFieldProblem(visible(check(draft)), serverFieldProblems(save.error));
  const setBody = (i: number, field: string, change: Partial<BodyDraft>) => update(`[${i}].${field}`, (d) => d.map((b, k) => (k === i ? { ...b, ...change } : b)));
  const setSeat = (i: number, j: number, key: keyof SeatDraft) => (v: string) =>
    update(`[${i}].seats[${j}].${key}`, (d) => d.map((b, k) => (k === i ? { ...b, seats: b.seats.map((s, m) => (m === j ? { ...s, [key]: v } : s)) } : b)));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    attempt();
    if (Object.keys(check(draft)).length === 0) save.mutate(toBody(draft));
  };
  return (
    <form className="form" onSubmit={submit} noValidate aria-label={t('admin.governance.form')}>
      {draft.map((b, i) => (
        <fieldset key={i}>
          <legend>{b.nameZh || b.nameEn ? `${t(`admin.body.${b.body}`)}: ${b.nameEn || b.nameZh}` : t(`admin.body.${b.body}`)}</legend>
          <SelectField label={t('admin.governance.body')} value={b.body} onChange={(v) => setBody(i, 'body', { body: v })} options={bodies.map((x) => ({ value: x, label: t(`admin.body.${x}`) }))} />
          <div className="field-pair">
            <TextField label={t('admin.nameZh')} value={b.nameZh} onChange={(v) => setBody(i, 'name.zh', { nameZh: v })} problem={problemAt(`[${i}].name.zh`)} />
            <TextField label={t('admin.nameEn')} value={b.nameEn} onChange={(v) => setBody(i, 'name.en', { nameEn: v })} problem={problemAt(`[${i}].name.en`)} />
          </div>
          {b.seats.map((s, j) => (
            <div key={j} className="sub-panel" role="group" aria-label={t('admin.governance.seatN', { n: j + 1 })}>
              <div className="field-pair">
                <SelectField label={t('admin.governance.position')} value={s.position} onChange={setSeat(i, j, 'position')} options={positions.map((x) => ({ value: x, label: t(`admin.position.${x}`) }))} />
                <TextField label={t('admin.library.symbol')} value={s.library} onChange={setSeat(i, j, 'library')} problem={problemAt(`[${i}].seats[${j}].library`)} />
                <TextField label={t('admin.governance.person')} value={s.person} onChange={setSeat(i, j, 'person')} />
              </div>
              <div className="field-pair">
                <TextField label={t('admin.governance.termStart')} type="date" value={s.termStart} onChange={setSeat(i, j, 'termStart')} problem={problemAt(`[${i}].seats[${j}].termStart`)} />
                <TextField label={t('admin.governance.termEnd')} type="date" value={s.termEnd} onChange={setSeat(i, j, 'termEnd')} problem={problemAt(`[${i}].seats[${j}].termEnd`)} />
              </div>
              <button type="button" className="link-button" onClick={() => setBody(i, 'seats', { seats: b.seats.filter((_, m) => m !== j) })}>
                {t('admin.governance.removeSeat', { n: j + 1 })}
              </button>
            </div>
          ))}
          <div className="desk-buttons">
            <button type="button" className="button" onClick={() => setBody(i, 'seats', { seats: [...b.seats, { position: 'member', library: '', person: '', termStart: '', termEnd: '' }] })}>
              {t('admin.governance.addSeat')}
            </button>
            <button type="button" className="button" onClick={() => update('bodies', (d) => d.filter((_, k) => k !== i))}>
              {t('admin.governance.removeBody', { body: t(`admin.body.${b.body}`) })}
            </button>
          </div>
        </fieldset>
      ))}
      <div>
        <button type="button" className="button" onClick={() => update('bodies', (d) => [...d, { body: 'council', nameZh: '', nameEn: '', seats: [] }])}>
          {t('admin.governance.addBody')}
        </button>
      </div>
      {save.isError && <ProblemNotice error={save.error} onRetry={() => save.mutate(toBody(draft))} />}
      <SavedNotice shown={save.isSuccess} />
      <div>
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {save.isPending ? t('status.working') : t('admin.governance.save')}
        </button>
      </div>
    </form>
  );
}
