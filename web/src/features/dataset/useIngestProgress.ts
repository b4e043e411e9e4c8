import { useEffect, useState } from 'react';
import { followProgress } from '../../api/datasets';
import type { IngestProgress } from '../../api/types';

/** Live import progress of a dataset that is not ready yet; `ended` turns true when the job stops. */
export function useIngestProgress(datasetId: string, active: boolean) {
  const [progress, setProgress] = useState<IngestProgress | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [ended, setEnded] = useState(false);

  useEffect(() => {
    if (!active) {
      return;
    }
    setEnded(false);
    return followProgress(datasetId, {
      onProgress: setProgress,
      onDone: () => setEnded(true),
      onFailure: (problem) => {
        setFailure(problem.detail ?? problem.title ?? 'The import failed.');
        setEnded(true);
      },
    });
  }, [datasetId, active]);

  return { progress, failure, ended };
}
