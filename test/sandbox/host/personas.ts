/**
 * The people the host page lets you be. Which one is "signed in" is a cookie the host page sets, exactly as
 * Jira's session cookie decides the user: the host reads it on every bridge call and picks the accountId
 * itself, so nothing a frame sends can change who a resolver runs as.
 */
import { SEED_USERS, type PersonaRole } from '../seed';

export const PERSONA_COOKIE = 'upstream-sandbox-persona';
export const THEME_COOKIE = 'upstream-sandbox-theme';

/** In the order the switcher lists them, with what each is for. */
export const PERSONA_ROLES: readonly PersonaRole[] = ['engineer', 'designer', 'productLead', 'sales', 'admin', 'restricted'];

export const PERSONA_LABELS: Readonly<Record<PersonaRole, string>> = {
  engineer: 'Engineer',
  designer: 'Designer',
  productLead: 'Product lead',
  sales: 'Sales rep',
  admin: 'Jira admin',
  restricted: 'Restricted contractor',
};

export const isPersonaRole = (value: unknown): value is PersonaRole =>
  typeof value === 'string' && (PERSONA_ROLES as readonly string[]).includes(value);

export type ColorMode = 'light' | 'dark';

export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const separator = part.indexOf('=');
    if (separator <= 0) continue;
    const name = part.slice(0, separator).trim();
    try {
      cookies.set(name, decodeURIComponent(part.slice(separator + 1).trim()));
    } catch {
      // A cookie that is not valid percent-encoding is ignored, as if it were absent.
    }
  }
  return cookies;
}

export interface Viewer {
  role: PersonaRole | null;
  /** null when no persona is selected: resolvers then answer `unauthenticated`, as for a signed-out user. */
  accountId: string | null;
  colorMode: ColorMode;
}

export function viewerFrom(cookieHeader: string | undefined): Viewer {
  const cookies = parseCookies(cookieHeader);
  const role = cookies.get(PERSONA_COOKIE);
  const colorMode: ColorMode = cookies.get(THEME_COOKIE) === 'dark' ? 'dark' : 'light';
  return isPersonaRole(role) ? { role, accountId: SEED_USERS[role], colorMode } : { role: null, accountId: null, colorMode };
}
