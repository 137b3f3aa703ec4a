import type { RoleGrant } from '../../platform/http/access.js';
import type { UserRow } from './store.js';

/** An account as the API shows it: never its password hash. */
export interface AccountView {
  id: number;
  email: string;
  displayName: string;
  locale: 'zh-CN' | 'en';
  mustChangePassword: boolean;
  disabled: boolean;
  disabledAt: Date | null;
  createdAt: Date;
  grants: RoleGrant[];
}

export function accountView(u: UserRow, grants: RoleGrant[]): AccountView {
  return {
    id: u.id,
    email: u.email,
    displayName: u.display_name,
    locale: u.locale,
    mustChangePassword: u.must_change_password,
    disabled: u.disabled_at !== null,
    disabledAt: u.disabled_at,
    createdAt: u.created_at,
    grants,
  };
}
