import { CSRF_HEADER, csrfToken, isAbortError, ApiError, toApiError } from '../../api/http';

/** One column as Graphic Walker takes it (GET /api/datasets/{id}/fields). */
export interface ChartField {
  fid: string;
  name: string;
  semanticType: 'quantitative' | 'temporal' | 'nominal' | 'ordinal';
  analyticType: 'measure' | 'dimension';
}

/** The answer to one chart query: its rows, the row cap when rows were cut off, and what the user should know. */
export interface ChartAnswer {
  rows: Record<string, unknown>[];
  cappedAt: number | null;
  warnings: string[];
}

export const CAPPED_HEADER = 'X-Quarry-Capped';
export const WARNINGS_HEADER = 'X-Quarry-Warnings';
/** The header that names a chart query, so that the client can withdraw it (DELETE .../query/{queryId}). */
export const QUERY_ID_HEADER = 'X-Quarry-Query-Id';

export function fieldsUrl(datasetId: string): string {
  return `/api/datasets/${encodeURIComponent(datasetId)}/fields`;
}

export function queryUrl(datasetId: string): string {
  return `/api/datasets/${encodeURIComponent(datasetId)}/query`;
}

/** The row cap a response announces in `X-Quarry-Capped`, or null when nothing was cut off. */
export function cappedAt(headers: Headers): number | null {
  const value = headers.get(CAPPED_HEADER);
  if (value === null) {
    return null;
  }
  const rows = Number(value);
  return Number.isFinite(rows) && rows > 0 ? rows : null;
}

/** The warnings a response carries in `X-Quarry-Warnings` (a percent-encoded JSON list of strings). */
export function warningsOf(headers: Headers): string[] {
  const value = headers.get(WARNINGS_HEADER);
  if (value === null) {
    return [];
  }
  try {
    const list: unknown = JSON.parse(decodeURIComponent(value));
    return Array.isArray(list) ? list.filter((item): item is string => typeof item === 'string') : [];
  } catch {
    return [];
  }
}

export async function getFields(datasetId: string, signal?: AbortSignal): Promise<ChartField[]> {
  const response = await send(fieldsUrl(datasetId), 'GET', undefined, signal);
  return (await response.json()) as ChartField[];
}

export function withdrawUrl(datasetId: string, queryId: string): string {
  return `${queryUrl(datasetId)}/${encodeURIComponent(queryId)}`;
}

/**
 * POSTs a Graphic Walker payload ({workflow, limit?, offset?}) with the CSRF header, like the api client; named
 * `queryId` when given, so that {@link withdrawQuery} can stop it.
 */
export async function runQuery(
  datasetId: string,
  payload: unknown,
  signal?: AbortSignal,
  queryId?: string,
): Promise<ChartAnswer> {
  const named: Record<string, string> = queryId === undefined ? {} : { [QUERY_ID_HEADER]: queryId };
  const response = await send(queryUrl(datasetId), 'POST', payload, signal, named);
  const rows = (await response.json()) as Record<string, unknown>[];
  return { rows, cappedAt: cappedAt(response.headers), warnings: warningsOf(response.headers) };
}

/**
 * Tells the server that no one waits for the query named `queryId` any more, so it can stop computing it. Sent with
 * `keepalive`, so it still goes out while the page is being left; its answer does not matter.
 */
export function withdrawQuery(datasetId: string, queryId: string): void {
  const headers: Record<string, string> = {};
  const token = csrfToken();
  if (token !== undefined) {
    headers[CSRF_HEADER] = token;
  }
  fetch(withdrawUrl(datasetId, queryId), {
    method: 'DELETE',
    headers,
    credentials: 'same-origin',
    keepalive: true,
  }).catch(() => undefined);
}

async function send(
  path: string,
  method: string,
  body: unknown,
  signal?: AbortSignal,
  extraHeaders: Record<string, string> = {},
): Promise<Response> {
  const attempt = (token: string | undefined) => {
    const headers: Record<string, string> = { Accept: 'application/json, application/problem+json', ...extraHeaders };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    if (token !== undefined && method !== 'GET') {
      headers[CSRF_HEADER] = token;
    }
    return fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal,
    });
  };
  let response: Response;
  try {
    const sent = csrfToken();
    response = await attempt(sent);
    if (response.status === 403 && method !== 'GET') {
      const fresh = csrfToken();
      if (fresh !== undefined && fresh !== sent) {
        response = await attempt(fresh);
      }
    }
  } catch (cause) {
    if (isAbortError(cause)) {
      throw cause;
    }
    throw new ApiError('Cannot reach the Quarry server. Check your connection and try again.', 0);
  }
  if (!response.ok) {
    throw await toApiError(response);
  }
  return response;
}

/** A chart saved on the server: a name and Graphic Walker's exported charts (`exportCode()`). */
export interface SavedChart {
  id: string;
  name: string;
  spec: unknown;
  savedAt: string;
}

export function chartsUrl(datasetId: string): string {
  return `/api/datasets/${encodeURIComponent(datasetId)}/charts`;
}

export async function listCharts(datasetId: string, signal?: AbortSignal): Promise<SavedChart[]> {
  return (await (await send(chartsUrl(datasetId), 'GET', undefined, signal)).json()) as SavedChart[];
}

export async function saveChart(datasetId: string, name: string, spec: unknown): Promise<SavedChart> {
  return (await (await send(chartsUrl(datasetId), 'POST', { name, spec })).json()) as SavedChart;
}

export async function deleteChart(datasetId: string, chartId: string): Promise<void> {
  await send(`${chartsUrl(datasetId)}/${encodeURIComponent(chartId)}`, 'DELETE', undefined);
}
