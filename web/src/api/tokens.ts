import { request } from './http';

/** A personal API token as listed: never its secret. */
export interface ApiToken {
  id: number;
  name: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
}

/** The answer to creating a token: the only time its secret is sent. */
export interface CreatedToken {
  id: number;
  name: string;
  token: string;
  expiresAt: string | null;
}

export function listTokens(signal?: AbortSignal): Promise<ApiToken[]> {
  return request<ApiToken[]>('/api/tokens', { signal });
}

export function createToken(name: string, expiresInDays?: number): Promise<CreatedToken> {
  return request<CreatedToken>('/api/tokens', {
    method: 'POST',
    body: expiresInDays === undefined ? { name } : { name, expiresInDays },
  });
}

export function revokeToken(id: number): Promise<void> {
  return request<void>(`/api/tokens/${id}`, { method: 'DELETE' });
}
