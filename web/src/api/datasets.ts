import { request, type Problem } from './http';
import type {
  DatasetDetail,
  DatasetProfile,
  DatasetSummary,
  IngestProgress,
  RejectsPage,
  RowsPage,
  RowsQuery,
  SortKey,
} from './types';

const base = (id: string) => `/api/datasets/${encodeURIComponent(id)}`;

export function listDatasets(signal?: AbortSignal): Promise<DatasetSummary[]> {
  return request<DatasetSummary[]>('/api/datasets', { signal });
}

export function getDataset(id: string, signal?: AbortSignal): Promise<DatasetDetail> {
  return request<DatasetDetail>(base(id), { signal });
}

export function renameDataset(id: string, name: string): Promise<DatasetDetail | undefined> {
  return request<DatasetDetail | undefined>(base(id), { method: 'PATCH', body: { name } });
}

export function deleteDataset(id: string): Promise<void> {
  return request<void>(base(id), { method: 'DELETE' });
}

/** `sort=col,-col2`: a leading minus sorts descending. */
export function sortParam(keys: SortKey[]): string {
  return keys.map((key) => (key.descending ? `-${key.column}` : key.column)).join(',');
}

/** The sort, filters and search of a view as query parameters, as `/rows` and `/export` both read them. */
function viewParams(query: RowsQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (query.sort.length > 0) {
    params.set('sort', sortParam(query.sort));
  }
  if (query.filters.length > 0) {
    params.set('filter', JSON.stringify(query.filters));
  }
  if (query.search.trim() !== '') {
    params.set('search', query.search.trim());
  }
  return params;
}

export function rowsUrl(id: string, offset: number, limit: number, query: RowsQuery): string {
  const params = new URLSearchParams({ offset: String(offset), limit: String(limit) });
  viewParams(query).forEach((value, key) => params.set(key, value));
  return `${base(id)}/rows?${params.toString()}`;
}

/** Every row of the view as a CSV download, safe to open in a spreadsheet (the server's default). */
export function exportUrl(id: string, query: RowsQuery): string {
  const params = viewParams(query).toString();
  return `${base(id)}/export${params === '' ? '' : `?${params}`}`;
}

export function readRows(
  id: string,
  offset: number,
  limit: number,
  query: RowsQuery,
  signal?: AbortSignal,
): Promise<RowsPage> {
  return request<RowsPage>(rowsUrl(id, offset, limit, query), { signal });
}

/** Per column: type, nulls, distinct count, bounds, top values or histogram; computed once at import. */
export function getProfile(id: string, signal?: AbortSignal): Promise<DatasetProfile> {
  return request<DatasetProfile>(`${base(id)}/profile`, { signal });
}

export function readRejects(
  id: string,
  offset: number,
  limit: number,
  signal?: AbortSignal,
): Promise<RejectsPage> {
  return request<RejectsPage>(`${base(id)}/rejects?offset=${offset}&limit=${limit}`, { signal });
}

export interface ProgressHandlers {
  onProgress: (progress: IngestProgress) => void;
  /** The job has ended (the stream closed on its own, or a final phase arrived). */
  onDone: () => void;
  /** The job failed: the server sent an `error` event with a problem body. */
  onFailure: (problem: Problem) => void;
}

const FINAL_PHASES = new Set(['done', 'ready', 'complete', 'completed', 'failed', 'cancelled']);

export function isFinalPhase(phase: string | undefined): boolean {
  return phase !== undefined && FINAL_PHASES.has(phase.toLowerCase());
}

/**
 * Follows a dataset's ingest through Server-Sent Events. Returns a function that stops listening.
 * Progress may arrive as unnamed `message` events or as `progress` events; a job failure arrives as
 * an `error` event whose data is a problem+json body.
 */
export function followProgress(id: string, handlers: ProgressHandlers): () => void {
  if (typeof EventSource === 'undefined') {
    return () => undefined;
  }
  const source = new EventSource(`${base(id)}/progress`, { withCredentials: true });
  let closed = false;
  const close = () => {
    if (!closed) {
      closed = true;
      source.close();
    }
  };
  const onData = (event: MessageEvent<string>) => {
    const progress = parse<IngestProgress>(event.data);
    if (progress === undefined) {
      return;
    }
    handlers.onProgress(progress);
    if (isFinalPhase(progress.phase)) {
      close();
      handlers.onDone();
    }
  };
  source.onmessage = onData;
  source.addEventListener('progress', onData as EventListener);
  for (const name of ['done', 'complete']) {
    source.addEventListener(name, ((event: MessageEvent<string>) => {
      const progress = parse<IngestProgress>(event.data);
      if (progress !== undefined) {
        handlers.onProgress(progress);
      }
      close();
      handlers.onDone();
    }) as EventListener);
  }
  source.addEventListener('error', (event: Event) => {
    const data = (event as MessageEvent<string>).data;
    if (typeof data === 'string' && data !== '') {
      // A job failure sent by the server, not a dropped connection.
      close();
      handlers.onFailure(parse<Problem>(data) ?? { detail: 'The import failed.' });
      return;
    }
    if (source.readyState === EventSource.CLOSED) {
      // The server ended the stream (or refused it); the caller reloads the dataset to learn why.
      close();
      handlers.onDone();
    }
    // Otherwise EventSource reconnects by itself.
  });
  return close;
}

function parse<T>(data: string): T | undefined {
  try {
    return JSON.parse(data) as T;
  } catch {
    return undefined;
  }
}
