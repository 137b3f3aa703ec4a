import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isChosen, type FacetName, type SearchRequest } from '../domain/search-request';
import type { Facet } from '../hooks/use-search';

/** The order facets are shown in: what narrows a library search most usefully first. */
const order: FacetName[] = ['availability', 'format', 'language', 'year', 'library', 'alliance', 'author', 'subject'];
const shown = 8;

/**
 * Facets as groups of checkboxes: several values of one facet widen (OR), different facets narrow
 * (AND), as the API counts them. Each change is a new address, so the browser's back undoes it.
 */
export function FacetPanel({ facets, request, onToggle }: { facets: Facet[]; request: SearchRequest; onToggle: (facet: FacetName, value: string) => void }) {
  const { t } = useTranslation();
  // The router applies a new address in a transition: until it has, the box shows the reader's click.
  const [clicked, setClicked] = useState<{ id: string; checked: boolean } | null>(null);
  useEffect(() => setClicked(null), [request]);
  // On a phone the groups fold away behind one button, so the results come first; a desk shows them beside.
  const [open, setOpen] = useState(false);
  const chosen = Object.values(request.choices).reduce((n, v) => n + (v?.length ?? 0), 0);
  const sorted = [...facets].filter((f) => f.values.length > 0).sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
  if (!sorted.length) return null;
  return (
    <aside className={`facets ${open ? 'open' : ''}`} aria-label={t('search.refine')}>
      <h2 className="facets-heading">{t('search.refine')}</h2>
      <button type="button" className="button facets-toggle" aria-expanded={open} aria-controls="facet-groups" onClick={() => setOpen((o) => !o)}>
        {t('search.refine')}
        {chosen > 0 && ` (${chosen})`}
      </button>
      <div id="facet-groups" className="facet-groups">
        {sorted.map((f) => (
          <fieldset key={f.name} className="facet">
            <legend>
              {f.label}
              {f.estimated && <span className="muted"> {t('search.estimated')}</span>}
            </legend>
            <ul>
              {f.values.slice(0, shown).map((v) => {
                const id = `facet-${f.name}-${v.value}`.replace(/[^\w-]/g, '_');
                return (
                  <li key={v.value}>
                    <input
                      type="checkbox"
                      id={id}
                      checked={clicked?.id === id ? clicked.checked : isChosen(request, f.name, v.value)}
                      onChange={(e) => {
                        setClicked({ id, checked: e.target.checked });
                        onToggle(f.name, v.value);
                      }}
                    />
                    <label htmlFor={id}>
                      {v.label ?? v.value} <span className="count">{v.count.toLocaleString()}</span>
                    </label>
                  </li>
                );
              })}
            </ul>
          </fieldset>
        ))}
      </div>
    </aside>
  );
}
