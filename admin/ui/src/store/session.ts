import { signal } from '@preact/signals';
import { api, ApiError, setCsrfToken, setUnauthorizedHandler } from '../api';
import type { User } from '../types';

interface AuthResponse {
  csrfToken: string;
  user: User;
}

/** 'loading' until GET /api/auth/me answers. */
export const authState = signal<'loading' | 'ready'>('loading');
export const currentUser = signal<User | null>(null);

function applyAuth(auth: AuthResponse | null): void {
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

export async function login(email: string, password: string): Promise<void> {
  applyAuth(await api.post<AuthResponse>('/api/auth/login', { email, password }));
}

export async function logout(): Promise<void> {
  try {
    await api.post('/api/auth/logout');
  } finally {
    applyAuth(null);
  }
}

export const isAdmin = (): boolean => currentUser.value?.role === 'admin';
