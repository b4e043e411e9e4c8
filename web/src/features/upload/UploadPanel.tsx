import { useCallback, useEffect, useRef, useState, type DragEvent } from 'react';
import { formatBytes, formatDateTime } from '../../lib/format';
import { UploadRow } from './UploadRow';
import { uploadStore, type UnfinishedUpload } from './uploadStore';
import { useUploads } from './useUploads';

/** The drop zone, the file picker, a bar per upload, and the unfinished uploads that can resume. */
export function UploadPanel() {
  const uploads = useUploads();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const [unfinished, setUnfinished] = useState<UnfinishedUpload[]>([]);

  const refreshUnfinished = useCallback(() => {
    uploadStore.unfinished().then(setUnfinished, () => setUnfinished([]));
  }, []);
  // Re-read when an upload is added, resumed or finished (tus forgets finished ones).
  const statuses = uploads.map((item) => `${item.key}:${item.status}:${item.resumed}`).join();
  useEffect(refreshUnfinished, [refreshUnfinished, statuses]);

  const addFiles = (files: FileList | null) => {
    if (files && files.length > 0) {
      uploadStore.add(Array.from(files));
    }
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    addFiles(event.dataTransfer.files);
  };

  return (
    <section aria-labelledby="upload-title">
      <h2 id="upload-title" className="visually-hidden">
        Upload
      </h2>
      <div
        className={`dropzone${over ? ' over' : ''}`}
        onDragOver={(event) => {
          event.preventDefault();
          event.dataTransfer.dropEffect = 'copy';
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <p style={{ margin: '0 0 0.5rem' }}>Drop CSV files here, of any size, or</p>
        <button type="button" className="primary" onClick={() => input.current?.click()}>
          Choose files…
        </button>
        <input
          ref={input}
          type="file"
          multiple
          accept=".csv,.tsv,.txt,.gz,text/csv,text/plain,text/tab-separated-values"
          hidden
          onChange={(event) => {
            addFiles(event.target.files);
            event.target.value = '';
          }}
        />
      </div>

      {unfinished.length > 0 && (
        <div className="banner warning" style={{ marginTop: '0.75rem' }}>
          <strong>Unfinished uploads.</strong> Add the same file again to continue where it stopped.
          <ul>
            {unfinished.map((upload) => (
              <li key={upload.storageKey}>
                {upload.fileName} ({formatBytes(upload.size)}, started {formatDateTime(upload.createdAt)}){' '}
                <button
                  type="button"
                  className="link danger-text"
                  onClick={() => void uploadStore.forget(upload).finally(refreshUnfinished)}
                >
                  Forget
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}

      {uploads.length > 0 && (
        <ul className="uploads">
          {uploads.map((item) => (
            <UploadRow key={item.key} item={item} />
          ))}
        </ul>
      )}
    </section>
  );
}
