import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { currentUser, signIn as apiSignIn, signOut as apiSignOut } from '../../api/auth';
import { messageOf, onUnauthorized } from '../../api/http';
import type { User } from '../../api/types';
import { SessionContext, type Session } from './sessionContext';

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [expired, setExpired] = useState(false);
  const userRef = useRef(user);
  userRef.current = user;

  useEffect(() => {
    const controller = new AbortController();
    currentUser(controller.signal).then(
      (found) => setUser(found),
      (failure: unknown) => {
        if (!controller.signal.aborted) {
          setError(messageOf(failure));
          setUser(null);
        }
      },
    );
    return () => controller.abort();
  }, []);

  useEffect(
    () =>
      onUnauthorized(() => {
        if (userRef.current) {
          setExpired(true);
        }
        setUser(null);
      }),
    [],
  );

  const signIn = useCallback(async (username: string, password: string) => {
    const signedIn = await apiSignIn(username, password);
    setError(null);
    setExpired(false);
    setUser(signedIn);
  }, []);

  const signOut = useCallback(async () => {
    try {
      await apiSignOut();
    } finally {
      setExpired(false);
      setUser(null);
    }
  }, []);

  const session = useMemo<Session>(
    () => ({ user, error, expired, signIn, signOut }),
    [user, error, expired, signIn, signOut],
  );
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}
