import { useEffect } from 'react';
import { listDatasets } from '../../api/datasets';
import { useLoadedList } from '../../lib/useLoadedList';
import { uploadStore } from '../upload/uploadStore';

const BUSY_POLL_MS = 5000;

/** The user's datasets; reloaded when an upload creates or finishes one, and polled while any imports. */
export function useDatasets() {
  const { items: datasets, setItems: setDatasets, error, reload } = useLoadedList(listDatasets);

  useEffect(() => uploadStore.onDatasetsChanged(reload), [reload]);

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
