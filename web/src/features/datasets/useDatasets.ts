import { useCallback, useEffect, useRef, useState } from 'react';
import { listDatasets } from '../../api/datasets';
import { isAbortError, messageOf } from '../../api/http';
import type { DatasetSummary } from '../../api/types';
import { uploadStore } from '../upload/uploadStore';

const BUSY_POLL_MS = 5000;

/** The user's datasets; reloaded when an upload creates or finishes one, and polled while any imports. */
export function useDatasets() {
  const [datasets, setDatasets] = useState<DatasetSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const controller = useRef<AbortController | null>(null);

  const reload = useCallback(() => {
    controller.current?.abort();
    const current = new AbortController();
    controller.current = current;
    listDatasets(current.signal).then(
      (list) => {
        setDatasets(list);
        setError(null);
      },
      (failure: unknown) => {
        if (!isAbortError(failure)) {
          setError(messageOf(failure));
        }
      },
    );
  }, []);

  useEffect(() => {
    reload();
    const stop = uploadStore.onDatasetsChanged(reload);
    return () => {
      stop();
      controller.current?.abort();
    };
  }, [reload]);

  const busy = datasets?.some((dataset) => !isSettled(dataset.status)) ?? false;
  useEffect(() => {
    if (!busy) {
      return;
    }
    const timer = setInterval(reload, BUSY_POLL_MS);
    return () => clearInterval(timer);
  }, [busy, reload]);

  return { datasets, error, reload, setDatasets };
}

export function isSettled(status: string): boolean {
  const value = status.toLowerCase();
  return value === 'ready' || value === 'failed';
}
