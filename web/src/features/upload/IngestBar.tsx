import type { IngestProgress } from '../../api/types';
import { ProgressBar } from '../../components/ProgressBar';
import { formatCount, formatDuration } from '../../lib/format';

/** Progress of the server's import of a file: phase, rows, rejected rows, from the SSE stream. */
export function IngestBar({ progress }: { progress: IngestProgress | null }) {
  if (progress === null) {
    return <ProgressBar label="Import" fraction={undefined} figures="waiting for the server…" />;
  }
  const fraction = progress.bytesTotal > 0 ? progress.bytesDone / progress.bytesTotal : undefined;
  const parts = [
    phaseLabel(progress.phase),
    `${formatCount(progress.rows)} rows`,
    progress.rejected > 0 ? `${formatCount(progress.rejected)} rejected` : null,
    formatDuration(progress.elapsedMs),
  ].filter((part): part is string => part !== null);
  return <ProgressBar label="Import" fraction={fraction} figures={parts.join(' · ')} />;
}

function phaseLabel(phase: string): string {
  const text = (phase || 'working').replace(/[_-]+/g, ' ').toLowerCase();
  return text.charAt(0).toUpperCase() + text.slice(1);
}
