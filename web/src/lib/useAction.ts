import { useCallback, useState } from 'react';
import { messageOf } from '../api/http';

/**
 * A request a form or button starts: `busy` while it runs, its failure in words as `error`. `run` answers whether it
 * succeeded.
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = useCallback(async (action: () => Promise<void>): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      await action();
      return true;
    } catch (failure) {
      setError(messageOf(failure));
      return false;
    } finally {
      setBusy(false);
    }
  }, []);

  return { busy, error, run };
}
