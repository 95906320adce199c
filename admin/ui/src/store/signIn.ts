import { signal } from '@preact/signals';
import { api } from '../api';
import type { AuthMethods } from '../apiShapes';
import type { User } from '../types';
import { applyAuth, type AuthResponse } from './session';

/** The ways in the login page offers; password and chat link until the server says otherwise. */
export const authMethods = signal<AuthMethods>({ password: true, chatLink: true, slack: false, wecom: false });
export const methodsLoaded = signal(false);

export async function loadAuthMethods(): Promise<void> {
  try {
    authMethods.value = { ...authMethods.value, ...(await api.get<Partial<AuthMethods>>('/api/auth/methods')) };
  } catch (err) {
    console.error(err); // the password form and the chat link still work
  } finally {
    methodsLoaded.value = true;
  }
}

/** Asks the bot to send a sign-in link in chat (the server answers the same for any e-mail). */
export async function requestChatLink(email: string): Promise<void> {
  await api.post('/api/auth/chat-link', { email });
}

/** Sets the password with the token of a set-password link and signs this browser in. */
export async function setPassword(token: string, password: string): Promise<User> {
  const auth = await api.post<AuthResponse>('/api/auth/password', { token, password });
  applyAuth(auth);
  return auth.user;
}

/** Admin/HR: the bot sends me a set-password link in chat. */
export async function requestPasswordLink(): Promise<void> {
  await api.post('/api/auth/password-link');
}

/** The WeCom client's built-in browser (企业微信). */
export const inWeComClient = (): boolean => /wxwork/i.test(navigator.userAgent);

const AUTO_WECOM_KEY = 'console.wecomAutoTried';

/** Inside WeCom with WeCom sign-in on, go there by itself, once per tab (no loop when it comes back signed out). */
export function autoWeComSignIn(): boolean {
  if (!authMethods.value.wecom || !inWeComClient()) return false;
  try {
    if (sessionStorage.getItem(AUTO_WECOM_KEY)) return false;
    sessionStorage.setItem(AUTO_WECOM_KEY, '1');
  } catch {
    // no storage: still try once for this page view
  }
  location.assign('/auth/wecom');
  return true;
}
