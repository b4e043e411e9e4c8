import { Link } from '../../components/Link';
import { ProgressBar } from '../../components/ProgressBar';
import { formatBytes, formatDuration, formatRate } from '../../lib/format';
import { datasetPath } from '../../lib/useRoute';
import { IngestBar } from './IngestBar';
import { uploadStore, type UploadItem } from './uploadStore';

export function UploadRow({ item }: { item: UploadItem }) {
  const fraction = item.size > 0 ? item.bytesDone / item.size : 0;
  const left = item.rate > 0 ? ((item.size - item.bytesDone) / item.rate) * 1000 : undefined;
  const uploadFigures =
    item.status === 'uploading' || item.status === 'paused'
      ? [
          `${formatBytes(item.bytesDone)} of ${formatBytes(item.size)}`,
          item.status === 'paused' ? 'paused' : formatRate(item.rate),
          item.status === 'uploading' && left !== undefined ? `${formatDuration(left)} left` : null,
        ]
          .filter(Boolean)
          .join(' · ')
      : `${formatBytes(item.size)} sent`;
  const showIngest = item.status === 'importing' || item.ingest !== null;

  return (
    <li className="upload card" aria-label={`Upload of ${item.fileName}`}>
      <div className="upload-head">
        <span className="name">{item.fileName}</span>
        {item.resumed && <span className="muted">resumed</span>}
        <span className="spacer" />
        <span className="muted" aria-live="polite">
          {statusText(item)}
        </span>
        {item.status === 'uploading' && (
          <button type="button" className="link" onClick={() => uploadStore.pause(item.key)}>
            Pause
          </button>
        )}
        {(item.status === 'paused' || (item.status === 'failed' && item.datasetId === null)) && (
          <button type="button" className="link" onClick={() => uploadStore.resume(item.key)}>
            Resume
          </button>
        )}
        {item.datasetId !== null && item.status === 'done' && <Link href={datasetPath(item.datasetId)}>Open</Link>}
        {item.previewId !== null && (item.status === 'uploading' || item.status === 'importing') && (
          <Link href={datasetPath(item.previewId)}>Preview</Link>
        )}
        <button
          type="button"
          className="link"
          onClick={() => uploadStore.dismiss(item.key)}
          aria-label={item.status === 'uploading' ? `Stop uploading ${item.fileName}` : `Remove ${item.fileName} from the list`}
        >
          {item.status === 'uploading' ? 'Stop' : 'Remove'}
        </button>
      </div>
      <ProgressBar label="Upload" fraction={fraction} figures={uploadFigures} />
      {showIngest && <IngestBar progress={item.ingest} />}
      {item.error && (
        <div className="banner error" role="alert">
          {item.error}
        </div>
      )}
    </li>
  );
}

function statusText(item: UploadItem): string {
  switch (item.status) {
    case 'uploading':
      return `${Math.floor((item.size > 0 ? item.bytesDone / item.size : 0) * 100)} %`;
    case 'paused':
      return 'Paused';
    case 'importing':
      return 'Importing';
    case 'done':
      return 'Ready';
    case 'failed':
      return 'Failed';
  }
}
