import { useCallback, useEffect, useRef, useState } from 'react';
import { isAbortError, messageOf } from '../api/http';

/**
 * A list loaded from the API when the page opens: its items (`null` while loading), the error in words, and
 * `reload()`, which cancels a load still on its way. `load` must be stable (a module function, or memoised).
 */
export function useLoadedList<T>(load: (signal?: AbortSignal) => Promise<T[]>) {
  const [items, setItems] = useState<T[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const controller = useRef<AbortController | null>(null);

  const reload = useCallback(() => {
    controller.current?.abort();
    const current = new AbortController();
    controller.current = current;
    load(current.signal).then(
      (list) => {
        setItems(list);
        setError(null);
      },
      (failure: unknown) => {
        if (!isAbortError(failure)) {
          setError(messageOf(failure));
        }
      },
    );
  }, [load]);

  useEffect(() => {
    reload();
    return () => controller.current?.abort();
  }, [reload]);

  return { items, setItems, error, setError, reload };
}
