import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useTitleSuggestions } from '../hooks/use-title-suggestions';

/**
 * The one search box, with titles suggested as the reader types. A combobox after WAI-ARIA 1.2
 * (editable, list autocomplete): arrows move through the suggestions, Enter opens the one
 * chosen or searches for the text, Escape closes the list.
 */
export function SearchBox({ initial = '', onSearch, large = false }: { initial?: string; onSearch: (q: string) => void; large?: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [text, setText] = useState(initial);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const id = useId();
  const listId = `${id}-list`;
  const suggestions = useTitleSuggestions({ text: open ? text : '' });
  const items = open ? (suggestions.data ?? []) : [];
  const expanded = items.length > 0;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setOpen(false);
    if (active >= 0 && items[active]) {
      navigate(`/clusters/${items[active].clusterId}`);
      return;
    }
    if (text.trim()) onSearch(text.trim());
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' && items.length) {
      e.preventDefault();
      setOpen(true);
      setActive((a) => (a + 1) % items.length);
    } else if (e.key === 'ArrowUp' && items.length) {
      e.preventDefault();
      setActive((a) => (a <= 0 ? items.length - 1 : a - 1));
    } else if (e.key === 'Escape') {
      setOpen(false);
      setActive(-1);
    }
  };

  return (
    <form role="search" className={`search-box ${large ? 'search-box-large' : ''}`} onSubmit={submit}>
      <label htmlFor={id} className="visually-hidden">
        {t('search.label')}
      </label>
      <div className="combobox">
        <input
          id={id}
          type="search"
          name="q"
          value={text}
          placeholder={t('search.placeholder')}
          autoComplete="off"
          enterKeyHint="search"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-activedescendant={expanded && active >= 0 ? `${listId}-${active}` : undefined}
          onChange={(e) => {
            setText(e.target.value);
            setOpen(true);
            setActive(-1);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => setTimeout(() => setOpen(false), 150)}
        />
        <ul id={listId} role="listbox" aria-label={t('search.suggestions')} className="suggestions" hidden={!expanded}>
          {items.map((s, i) => (
            <li
              key={s.clusterId}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              onMouseDown={(e) => {
                e.preventDefault(); // keep the focus in the box
                navigate(`/clusters/${s.clusterId}`);
              }}
            >
              <span className="suggestion-title">{s.title}</span>
              {s.detail && <span className="muted"> {s.detail}</span>}
            </li>
          ))}
        </ul>
      </div>
      <button type="submit" className="button button-primary">
        {t('search.submit')}
      </button>
    </form>
  );
}
