import { afterEach, describe, expect, it, vi } from 'vitest';
import { QUERY_ID_HEADER } from './chartApi';
import { ChartQueries, newQueryId } from './chartQueries';

/** A server that answers DELETEs at once and leaves POSTs waiting until they are aborted. */
function slowServer() {
  return vi.fn(
    (_url: string, init: RequestInit) =>
      new Promise<Response>((resolve, reject) => {
        if (init.method === 'DELETE') {
          resolve(new Response(null, { status: 204 }));
          return;
        }
        init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      }),
  );
}

describe('ChartQueries', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('makes ids that fit the server', () => {
    const id = newQueryId();
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(newQueryId()).not.toBe(id);
  });

  it('names each query, and aborts and withdraws those in flight', async () => {
    const fetchMock = slowServer();
    vi.stubGlobal('fetch', fetchMock);
    const queries = new ChartQueries('ds1');

    const first = queries.run({ workflow: [] });
    const second = queries.run({ workflow: [], limit: 1 });
    const names = fetchMock.mock.calls.map(([, init]) => (init.headers as Record<string, string>)[QUERY_ID_HEADER]);
    expect(names).toHaveLength(2);
    expect(names[0]).not.toBe(names[1]);
    queries.withdrawAll();

    await expect(first).rejects.toThrow('aborted');
    await expect(second).rejects.toThrow('aborted');
    const withdrawals = fetchMock.mock.calls.slice(2);
    expect(withdrawals.map(([url]) => url)).toEqual(names.map((name) => `/api/datasets/ds1/query/${name}`));
    expect(withdrawals.every(([, init]) => init.method === 'DELETE' && init.keepalive === true)).toBe(true);
  });

  it('withdraws nothing that has already been answered', async () => {
    const fetchMock = vi.fn(async () => new Response('[]', { status: 200 }));
    vi.stubGlobal('fetch', fetchMock);
    const queries = new ChartQueries('ds1');

    await queries.run({ workflow: [] });
    queries.withdrawAll();

    expect(fetchMock).toHaveBeenCalledTimes(1);
  });
});
