import { request } from './http';
import type { User } from './types';

export function signIn(username: string, password: string): Promise<User> {
  return request<User>('/api/auth/login', {
    method: 'POST',
    body: { username, password },
    quietUnauthorized: true,
  });
}

export function signOut(): Promise<void> {
  return request<void>('/api/auth/logout', { method: 'POST', quietUnauthorized: true });
}

/** The signed-in user, or `null` when signed out (the server answers 401). */
export async function currentUser(signal?: AbortSignal): Promise<User | null> {
  try {
    return await request<User>('/api/auth/me', { signal, quietUnauthorized: true });
  } catch (error) {
    if (error instanceof Error && 'status' in error && (error as { status: number }).status === 401) {
      return null;
    }
    throw error;
  }
}
