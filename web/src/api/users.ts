import { request } from './http';

export type Role = 'USER' | 'ADMIN';

/** A user as the admin sees it (GET /api/users). */
export interface UserAccount {
  id: number;
  username: string;
  role: Role;
  admin: boolean;
  disabled: boolean;
  createdAt: string;
}

export interface UserChange {
  role?: Role;
  disabled?: boolean;
  password?: string;
}

export function listUsers(signal?: AbortSignal): Promise<UserAccount[]> {
  return request<UserAccount[]>('/api/users', { signal });
}

export function createUser(username: string, password: string, role: Role): Promise<UserAccount> {
  return request<UserAccount>('/api/users', { method: 'POST', body: { username, password, role } });
}

export function updateUser(id: number, change: UserChange): Promise<UserAccount> {
  return request<UserAccount>(`/api/users/${id}`, { method: 'PATCH', body: change });
}

export function deleteUser(id: number): Promise<void> {
  return request<void>(`/api/users/${id}`, { method: 'DELETE' });
}

/** The caller changes their own password; their other sessions end, this one goes on. */
export function changeOwnPassword(current: string, newPassword: string): Promise<void> {
  return request<void>('/api/auth/password', { method: 'POST', body: { current, new: newPassword } });
}
