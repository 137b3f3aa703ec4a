import { lazy } from 'react';

/**
 * The alliance administration (libraries, alliances with their tiers, governance and agreements,
 * accounts and roles, identity providers), loaded when first opened; the header's links to it;
 * and the small form kit the administration's pages share with the library's own settings.
 */
export const AdminArea = lazy(() => import('./components/admin-area').then((m) => ({ default: m.AdminArea })));
export { AdminLinks } from './components/admin-links';
export { adminAccessOf, administers, seesStatistics, type AdminAccess } from './hooks/admin-access';
export { useDraft } from './hooks/use-draft';
export { CheckboxField, CheckboxGroup, SavedNotice, SelectField, TextField, serverFieldProblems, useFieldProblem } from './components/form-kit';
