import { createContext } from 'react';
import type { User } from '../../api/types';

export interface Session {
  /** `undefined` while the first "who am I" call is on its way. */
  user: User | null | undefined;
  /** Why the session could not be checked (server unreachable), if so. */
  error: string | null;
  signIn: (username: string, password: string) => Promise<void>;
  signOut: () => Promise<void>;
  /** The session ended on the server (a 401 from any call). */
  expired: boolean;
}

export const SessionContext = createContext<Session | null>(null);
