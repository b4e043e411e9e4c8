import * as tus from 'tus-js-client';
import { followProgress } from '../../api/datasets';
import { CSRF_HEADER, csrfToken, messageOf } from '../../api/http';
import type { IngestProgress } from '../../api/types';
import { UPLOADS_ENDPOINT, datasetOfUpload } from '../../api/uploads';

/**
 * Uploads in this browser tab, kept outside React so they go on while the user moves between
 * screens. Each file is sent with tus (resumable): an unfinished upload of the same file (same
 * name, size, type and modification time: tus-js-client's fingerprint, kept in localStorage) is
 * resumed where the server stopped, not restarted.
 */

export type UploadStatus = 'uploading' | 'paused' | 'importing' | 'done' | 'failed';

export interface UploadItem {
  key: string;
  fileName: string;
  name: string;
  size: number;
  status: UploadStatus;
  bytesDone: number;
  /** Bytes per second, smoothed. */
  rate: number;
  /** Continues an unfinished upload of the same file. */
  resumed: boolean;
  datasetId: string | null;
  /** The dataset the server made when the upload started (same id as the upload): open it for a preview. */
  previewId: string | null;
  ingest: IngestProgress | null;
  error: string | null;
}

export interface UnfinishedUpload {
  storageKey: string;
  fileName: string;
  size: number | null;
  createdAt: string;
  uploadUrl: string | null;
}

const CHUNK_SIZE = 50 * 1024 * 1024;
const RETRY_DELAYS = [0, 1000, 3000, 5000, 10000, 20000];

interface Entry {
  item: UploadItem;
  upload: tus.Upload;
  lastSample: { at: number; bytes: number };
  stopFollowing: (() => void) | null;
}

type Listener = () => void;

class UploadStore {
  private entries = new Map<string, Entry>();
  private snapshot: UploadItem[] = [];
  private listeners = new Set<Listener>();
  private datasetListeners = new Set<Listener>();
  private sequence = 0;

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): UploadItem[] => this.snapshot;

  /** Called when an upload has created a dataset or its import has ended. */
  onDatasetsChanged(listener: Listener): () => void {
    this.datasetListeners.add(listener);
    return () => this.datasetListeners.delete(listener);
  }

  add(files: Iterable<File>): void {
    for (const file of files) {
      this.start(file);
    }
  }

  pause(key: string): void {
    const entry = this.entries.get(key);
    if (entry && entry.item.status === 'uploading') {
      void entry.upload.abort();
      this.update(key, { status: 'paused', rate: 0 });
    }
  }

  resume(key: string): void {
    const entry = this.entries.get(key);
    if (entry && (entry.item.status === 'paused' || (entry.item.status === 'failed' && entry.item.datasetId === null))) {
      entry.lastSample = { at: performance.now(), bytes: entry.item.bytesDone };
      this.update(key, { status: 'uploading', error: null });
      entry.upload.start();
    }
  }

  /** Stops an upload (keeping it resumable) and removes it from the list. */
  dismiss(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) {
      return;
    }
    if (entry.item.status === 'uploading') {
      void entry.upload.abort();
    }
    entry.stopFollowing?.();
    this.entries.delete(key);
    this.publish();
  }

  async unfinished(): Promise<UnfinishedUpload[]> {
    if (!tus.canStoreURLs) {
      return [];
    }
    const active = new Set([...this.entries.values()].map((entry) => entry.upload.url));
    const previous = await tus.defaultOptions.urlStorage.findAllUploads();
    return previous
      .filter((upload) => !active.has(upload.uploadUrl))
      .map((upload) => ({
        storageKey: upload.urlStorageKey,
        fileName: upload.metadata.filename ?? upload.metadata.name ?? 'file',
        size: upload.size,
        createdAt: upload.creationTime,
        uploadUrl: upload.uploadUrl,
      }));
  }

  /** Forgets an unfinished upload here and asks the server to discard its bytes. */
  async forget(unfinished: UnfinishedUpload): Promise<void> {
    await tus.defaultOptions.urlStorage.removeUpload(unfinished.storageKey);
    if (unfinished.uploadUrl) {
      await tus.Upload.terminate(unfinished.uploadUrl, { onBeforeRequest: addCsrfHeader }).catch(() => undefined);
    }
  }

  private start(file: File): void {
    const key = `upload-${++this.sequence}`;
    const name = file.name.replace(/\.(csv|tsv|txt)(\.gz)?$/i, '') || file.name;
    const item: UploadItem = {
      key,
      fileName: file.name,
      name,
      size: file.size,
      status: 'uploading',
      bytesDone: 0,
      rate: 0,
      resumed: false,
      datasetId: null,
      previewId: null,
      ingest: null,
      error: null,
    };
    const upload = new tus.Upload(file, {
      endpoint: UPLOADS_ENDPOINT,
      metadata: { filename: file.name, name, filetype: file.type || 'text/csv' },
      chunkSize: CHUNK_SIZE,
      retryDelays: RETRY_DELAYS,
      storeFingerprintForResuming: true,
      removeFingerprintOnSuccess: true,
      onBeforeRequest: addCsrfHeader,
      onUploadUrlAvailable: () => {
        if (upload.url) {
          this.update(key, { previewId: uploadIdOf(upload.url) });
          this.datasetsChanged();
        }
      },
      onProgress: (bytesDone, bytesTotal) => this.progress(key, bytesDone, bytesTotal),
      onSuccess: () => void this.uploaded(key),
      onError: (error) => this.update(key, { status: 'failed', rate: 0, error: uploadErrorMessage(error) }),
    });
    this.entries.set(key, { item, upload, lastSample: { at: performance.now(), bytes: 0 }, stopFollowing: null });
    this.publish();

    upload
      .findPreviousUploads()
      .then((previous) => {
        if (previous.length > 0) {
          const latest = [...previous].sort((a, b) => b.creationTime.localeCompare(a.creationTime))[0];
          upload.resumeFromPreviousUpload(latest);
          this.update(key, { resumed: true });
        }
      })
      .catch(() => undefined)
      .finally(() => {
        if (this.entries.get(key)?.item.status === 'uploading') {
          upload.start();
        }
      });
  }

  private progress(key: string, bytesDone: number, bytesTotal: number): void {
    const entry = this.entries.get(key);
    if (!entry) {
      return;
    }
    const now = performance.now();
    const { at, bytes } = entry.lastSample;
    const patch: Partial<UploadItem> = { bytesDone, size: bytesTotal };
    if (entry.item.bytesDone === 0 && bytesDone > 0 && entry.item.resumed) {
      // A resumed upload starts where the server had got to: don't count those bytes in the rate.
      entry.lastSample = { at: now, bytes: bytesDone };
    }
    if (now - at >= 500) {
      const instant = ((bytesDone - bytes) * 1000) / (now - at);
      patch.rate = entry.item.rate === 0 ? instant : entry.item.rate * 0.7 + instant * 0.3;
      entry.lastSample = { at: now, bytes: bytesDone };
    }
    this.update(key, patch);
  }

  private async uploaded(key: string): Promise<void> {
    const entry = this.entries.get(key);
    if (!entry || !entry.upload.url) {
      return;
    }
    this.update(key, { status: 'importing', bytesDone: entry.item.size, rate: 0 });
    try {
      const { datasetId } = await datasetOfUpload(entry.upload.url);
      this.update(key, { datasetId });
      this.datasetsChanged();
      entry.stopFollowing = followProgress(datasetId, {
        onProgress: (ingest) => this.update(key, { ingest }),
        onDone: () => {
          this.update(key, { status: 'done' });
          this.datasetsChanged();
        },
        onFailure: (problem) => {
          this.update(key, {
            status: 'failed',
            error: problem.detail ?? problem.title ?? 'The import failed.',
          });
          this.datasetsChanged();
        },
      });
    } catch (error) {
      this.update(key, { status: 'failed', error: messageOf(error) });
    }
  }

  private datasetsChanged(): void {
    this.datasetListeners.forEach((listener) => listener());
  }

  private update(key: string, patch: Partial<UploadItem>): void {
    const entry = this.entries.get(key);
    if (!entry) {
      return;
    }
    entry.item = { ...entry.item, ...patch };
    this.publish();
  }

  private publish(): void {
    this.snapshot = [...this.entries.values()].map((entry) => entry.item);
    this.listeners.forEach((listener) => listener());
  }
}

/** The last path segment of an upload URL (absolute or relative): the upload's id, and its dataset's. */
export function uploadIdOf(uploadUrl: string): string {
  const path = new URL(uploadUrl, 'http://localhost').pathname.replace(/\/+$/, '');
  return decodeURIComponent(path.slice(path.lastIndexOf('/') + 1));
}

/** tus sends POST, PATCH, HEAD and DELETE; the header is harmless on the safe ones. */
function addCsrfHeader(request: tus.HttpRequest): void {
  const token = csrfToken();
  if (token !== undefined) {
    request.setHeader(CSRF_HEADER, token);
  }
}

/** A person-readable reason from a tus error: the server's problem detail when it sent one. */
export function uploadErrorMessage(error: Error): string {
  const response = (error as tus.DetailedError).originalResponse;
  if (response) {
    const body = response.getBody();
    try {
      const problem = JSON.parse(body) as { detail?: string; title?: string };
      if (problem.detail || problem.title) {
        return (problem.detail || problem.title) as string;
      }
    } catch {
      // not JSON
    }
    const status = response.getStatus();
    if (status === 401) {
      return 'Your session has ended. Sign in again, then add the file again to resume.';
    }
    if (status === 413) {
      return 'The file is larger than the server accepts.';
    }
  }
  return 'The upload stopped. Add the same file again (or press Resume) to continue where it left off.';
}

export const uploadStore = new UploadStore();
