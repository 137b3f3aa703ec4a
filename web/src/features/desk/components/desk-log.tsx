import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLibraryName } from '../../directory';
import { Loading, ProblemNotice } from '../../../shared/ui';
import type { DeskSide } from '../hooks/use-desk';
import { useAddNote, useDeskMessages, useDeskNotes, useMessageXml, type DeskMessage } from '../hooks/use-desk-log';

/** A fresh key for a note being written: kept while the librarian retries, new after it is saved. */
const newKey = () => `note-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

/** The request's ISO 18626 messages and the staff notes, below its steps on a desk's page. */
export function DeskLog({ side, id }: { side: DeskSide; id: number }) {
  return (
    <>
      <MessageLog side={side} id={id} />
      <Notes side={side} id={id} />
    </>
  );
}

function MessageLog({ side, id }: { side: DeskSide; id: number }) {
  const { t, i18n } = useTranslation();
  const messages = useDeskMessages({ side, id });
  return (
    <section aria-labelledby="desk-log-messages" className="panel">
      <h2 id="desk-log-messages">{t('deskLog.messages')}</h2>
      {messages.isPending && <Loading />}
      {messages.isError && <ProblemNotice error={messages.error} onRetry={() => void messages.refetch()} />}
      {messages.data && messages.data.length === 0 && <p className="muted">{t('deskLog.noMessages')}</p>}
      {messages.data && messages.data.length > 0 && (
        <div className="table-scroll">
          <table className="desk-log">
            <caption className="visually-hidden">{t('deskLog.messagesCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('deskLog.time')}</th>
                <th scope="col">{t('deskLog.direction')}</th>
                <th scope="col">{t('deskLog.type')}</th>
                <th scope="col">{t('deskLog.status')}</th>
                <th scope="col">{t('deskLog.xml')}</th>
              </tr>
            </thead>
            <tbody>
              {messages.data.map((m) => (
                <MessageRow key={m.id} side={side} id={id} message={m} locale={i18n.language} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function MessageRow({ side, id, message: m, locale }: { side: DeskSide; id: number; message: DeskMessage; locale: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const xml = useMessageXml({ side, id, messageId: m.id, enabled: open });
  const xmlId = useId();
  const status = [m.status, m.reason, m.outcome && t('deskLog.outcome', { outcome: m.outcome })].filter(Boolean).join(' · ');
  return (
    <>
      <tr data-message={m.id}>
        <td>
          <time dateTime={m.at}>{new Date(m.at).toLocaleString(locale)}</time>
        </td>
        <td>{t(m.direction === 'to-lender' ? 'deskLog.toLender' : 'deskLog.toBorrower')}</td>
        <td>
          <code>{m.type}</code>
          {m.transport !== 'in-process' && <span className="muted"> ({t(`deskLog.transport.${m.transport}`, { defaultValue: m.transport })})</span>}
        </td>
        <td>{status || '—'}</td>
        <td>
          <button type="button" className="button" aria-expanded={open} aria-controls={xmlId} onClick={() => setOpen((o) => !o)}>
            {t(open ? 'deskLog.hideXml' : 'deskLog.showXml')}
            <span className="visually-hidden"> {t('deskLog.ofMessage', { id: m.id })}</span>
          </button>
        </td>
      </tr>
      <tr id={xmlId} hidden={!open}>
        <td colSpan={5}>
          {open && xml.isPending && <Loading />}
          {open && xml.isError && <ProblemNotice error={xml.error} onRetry={() => void xml.refetch()} />}
          {open && xml.data && (
            <div className="marc">
              <pre tabIndex={0} aria-label={t('deskLog.xmlOf', { id: m.id })}>
                {xml.data}
              </pre>
            </div>
          )}
        </td>
      </tr>
    </>
  );
}

function Notes({ side, id }: { side: DeskSide; id: number }) {
  const { t, i18n } = useTranslation();
  const nameOf = useLibraryName();
  const notes = useDeskNotes({ side, id });
  const add = useAddNote({ side, id });
  const [text, setText] = useState('');
  const [key, setKey] = useState(newKey);
  const [touched, setTouched] = useState(false);
  const textId = useId();
  const errorId = useId();
  const empty = text.trim().length === 0;
  const save = () => {
    setTouched(true);
    if (empty) return;
    add.mutate(
      { text: text.trim(), key },
      {
        onSuccess: () => {
          setText('');
          setTouched(false);
          setKey(newKey());
        },
      },
    );
  };
  return (
    <section aria-labelledby="desk-log-notes" className="panel">
      <h2 id="desk-log-notes">{t('deskLog.notes')}</h2>
      <p className="muted">{t('deskLog.notesWho')}</p>
      {notes.isPending && <Loading />}
      {notes.isError && <ProblemNotice error={notes.error} onRetry={() => void notes.refetch()} />}
      {notes.data && notes.data.length === 0 && <p className="muted">{t('deskLog.noNotes')}</p>}
      {notes.data && notes.data.length > 0 && (
        <ol className="desk-notes">
          {notes.data.map((n) => (
            <li key={n.id} data-note={n.id}>
              <p>{n.text || <span className="muted">{t('deskLog.blanked')}</span>}</p>
              <p className="muted">
                {t('deskLog.by', { author: n.author, library: nameOf(n.library) })} · <time dateTime={n.at}>{new Date(n.at).toLocaleString(i18n.language)}</time>
              </p>
            </li>
          ))}
        </ol>
      )}
      <form
        className="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <div className="field">
          <label htmlFor={textId}>{t('deskLog.newNote')}</label>
          <textarea
            id={textId}
            rows={3}
            maxLength={4000}
            value={text}
            aria-invalid={touched && empty}
            aria-describedby={touched && empty ? errorId : undefined}
            onChange={(e) => setText(e.target.value)}
          />
          {touched && empty && (
            <p id={errorId} className="field-problem">
              {t('deskLog.noteRequired')}
            </p>
          )}
        </div>
        <button type="submit" className="button" disabled={add.isPending}>
          {t('deskLog.addNote')}
        </button>
        {add.isError && <ProblemNotice error={add.error} />}
      </form>
    </section>
  );
}
