import { signal } from '@preact/signals';
import { api, ApiError, setCsrfToken, setUnauthorizedHandler } from '../api';
import type { User } from '../types';

/** What login, setting a password and GET /api/auth/me answer. */
export interface AuthResponse {
  csrfToken: string;
  user: User;
}

/** 'loading' until GET /api/auth/me answers. */
export const authState = signal<'loading' | 'ready'>('loading');
export const currentUser = signal<User | null>(null);

/** Makes `auth` this browser's session (or ends it with null). */
export function applyAuth(auth: AuthResponse | null): void {
  setCsrfToken(auth?.csrfToken ?? null);
  currentUser.value = auth?.user ?? null;
}

setUnauthorizedHandler(() => applyAuth(null));

export async function loadSession(): Promise<void> {
  try {
    applyAuth(await api.get<AuthResponse>('/api/auth/me'));
  } catch (err) {
    if (!(err instanceof ApiError)) console.error(err);
    applyAuth(null);
  } finally {
    authState.value = 'ready';
  }
}

export async function login(email: string, password: string): Promise<User> {
  const auth = await api.post<AuthResponse>('/api/auth/login', { email, password });
  applyAuth(auth);
  return auth.user;
}

/** Ends this session (`everywhere`: every session of the account); the local session is cleared either way. */
export async function logout(everywhere = false): Promise<void> {
  try {
    await api.post(everywhere ? '/api/auth/logout-all' : '/api/auth/logout');
  } finally {
    applyAuth(null);
  }
}

export const isAdmin = (): boolean => currentUser.value?.role === 'admin';

/**
 * Whether an e-mail is the signed-in user's own, for the rule that nobody adjusts their own points (the adjustment
 * form names people by e-mail). An account that is nobody in the directory (the first admin) has no own person.
 */
export function isSelf(email: string): boolean {
  const me = currentUser.value;
  return me?.personId != null && email.trim().toLowerCase() === me.email.toLowerCase();
}
