import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, CSRF_HEADER, fallbackMessage, onUnauthorized, readCookie, request } from './http';

type FetchArgs = [string, RequestInit];

function jsonResponse(status: number, body: unknown, contentType = 'application/json'): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': contentType } });
}

function problem(status: number, detail: string, code = 'SOME_CODE'): Response {
  return jsonResponse(
    status,
    { type: '/docs/errors#x', title: 'A fixed title', status, detail, code },
    'application/problem+json',
  );
}

let cookies = '';
let fetchMock: ReturnType<typeof vi.fn>;

beforeEach(() => {
  cookies = '';
  vi.stubGlobal('document', {
    get cookie() {
      return cookies;
    },
  });
  fetchMock = vi.fn();
  vi.stubGlobal('fetch', fetchMock);
});

afterEach(() => {
  vi.unstubAllGlobals();
});

function sentHeaders(call: number): Record<string, string> {
  return (fetchMock.mock.calls[call] as FetchArgs)[1].headers as Record<string, string>;
}

describe('readCookie', () => {
  it('finds a cookie among others and decodes it', () => {
    expect(readCookie('XSRF-TOKEN', 'a=1; XSRF-TOKEN=ab%2Fc; b=2')).toBe('ab/c');
    expect(readCookie('XSRF-TOKEN', 'a=1')).toBeUndefined();
    expect(readCookie('XSRF-TOKEN', '')).toBeUndefined();
  });
});

describe('request', () => {
  it('sends the CSRF cookie as a header on non-GET requests, with same-origin credentials', async () => {
    cookies = 'JSESSIONID=s; XSRF-TOKEN=token-1';
    fetchMock.mockResolvedValue(jsonResponse(200, { id: 1, username: 'ada', admin: false }));

    const user = await request('/api/auth/login', { method: 'POST', body: { username: 'ada', password: 'pw' } });

    expect(user).toEqual({ id: 1, username: 'ada', admin: false });
    const [path, init] = fetchMock.mock.calls[0] as FetchArgs;
    expect(path).toBe('/api/auth/login');
    expect(init.method).toBe('POST');
    expect(init.credentials).toBe('same-origin');
    expect(init.body).toBe('{"username":"ada","password":"pw"}');
    expect(sentHeaders(0)[CSRF_HEADER]).toBe('token-1');
    expect(sentHeaders(0)['Content-Type']).toBe('application/json');
  });

  it('sends the CSRF header on PATCH and DELETE too, read fresh each time', async () => {
    fetchMock.mockImplementation(() => Promise.resolve(new Response(null, { status: 204 })));

    cookies = 'XSRF-TOKEN=one';
    await request('/api/datasets/7', { method: 'PATCH', body: { name: 'x' } });
    cookies = 'XSRF-TOKEN=two';
    await request('/api/datasets/7', { method: 'DELETE' });

    expect(sentHeaders(0)[CSRF_HEADER]).toBe('one');
    expect(sentHeaders(1)[CSRF_HEADER]).toBe('two');
  });

  it('does not send the CSRF header on GET', async () => {
    cookies = 'XSRF-TOKEN=token-1';
    fetchMock.mockResolvedValue(jsonResponse(200, []));

    await request('/api/datasets');

    expect(sentHeaders(0)[CSRF_HEADER]).toBeUndefined();
    expect((fetchMock.mock.calls[0] as FetchArgs)[1].credentials).toBe('same-origin');
  });

  it('retries once when a 403 came with a new CSRF cookie', async () => {
    cookies = '';
    fetchMock
      .mockImplementationOnce(() => {
        cookies = 'XSRF-TOKEN=fresh';
        return Promise.resolve(problem(403, 'Invalid CSRF token.', 'CSRF'));
      })
      .mockResolvedValueOnce(new Response(null, { status: 204 }));

    await request('/api/auth/logout', { method: 'POST' });

    expect(fetchMock).toHaveBeenCalledTimes(2);
    expect(sentHeaders(0)[CSRF_HEADER]).toBeUndefined();
    expect(sentHeaders(1)[CSRF_HEADER]).toBe('fresh');
  });

  it('does not retry a 403 when the token did not change', async () => {
    cookies = 'XSRF-TOKEN=same';
    fetchMock.mockResolvedValue(problem(403, 'You may not delete this dataset.', 'FORBIDDEN'));

    await expect(request('/api/datasets/1', { method: 'DELETE' })).rejects.toMatchObject({
      status: 403,
      message: 'You may not delete this dataset.',
    });
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it("turns a problem+json answer into an ApiError whose message is the problem's detail", async () => {
    fetchMock.mockResolvedValue(problem(422, 'Line 1207 has 7 fields; the header has 6.', 'CSV_RAGGED_ROW'));

    const error = await request('/api/datasets/1').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toBe('Line 1207 has 7 fields; the header has 6.');
    expect((error as ApiError).message).not.toContain('CSV_RAGGED_ROW');
    expect((error as ApiError).status).toBe(422);
    expect((error as ApiError).code).toBe('CSV_RAGGED_ROW');
  });

  it('falls back to the title, then to a plain sentence, never to the code', async () => {
    fetchMock.mockResolvedValueOnce(
      jsonResponse(409, { title: 'Dataset not ready', status: 409, code: 'DATASET_NOT_READY' }, 'application/problem+json'),
    );
    await expect(request('/api/datasets/1/rows')).rejects.toMatchObject({ message: 'Dataset not ready' });

    fetchMock.mockResolvedValueOnce(new Response('<html>Bad gateway</html>', { status: 502, headers: { 'Content-Type': 'text/html' } }));
    await expect(request('/api/datasets')).rejects.toMatchObject({ status: 502, message: fallbackMessage(502) });

    fetchMock.mockResolvedValueOnce(jsonResponse(500, { code: 'INTERNAL' }, 'application/problem+json'));
    const error = (await request('/api/datasets').catch((e: unknown) => e)) as ApiError;
    expect(error.message).toBe(fallbackMessage(500));
    expect(error.message).not.toContain('INTERNAL');
  });

  it('says the server cannot be reached when fetch itself fails', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'));

    await expect(request('/api/datasets')).rejects.toMatchObject({
      status: 0,
      message: 'Cannot reach the Quarry server. Check your connection and try again.',
    });
  });

  it('passes cancellations through untouched', async () => {
    const abort = new Error('aborted');
    abort.name = 'AbortError';
    fetchMock.mockRejectedValue(abort);

    await expect(request('/api/datasets', { signal: new AbortController().signal })).rejects.toBe(abort);
  });

  it('announces a 401 as the end of the session unless asked not to', async () => {
    const listener = vi.fn();
    const stop = onUnauthorized(listener);
    fetchMock.mockImplementation(() => Promise.resolve(problem(401, 'Please sign in.', 'UNAUTHENTICATED')));

    await expect(request('/api/datasets')).rejects.toBeInstanceOf(ApiError);
    await expect(request('/api/auth/login', { method: 'POST', quietUnauthorized: true })).rejects.toMatchObject({
      message: 'Please sign in.',
    });

    expect(listener).toHaveBeenCalledTimes(1);
    stop();
  });

  it('returns undefined for an empty body', async () => {
    fetchMock.mockResolvedValue(new Response(null, { status: 204 }));

    await expect(request('/api/auth/logout', { method: 'POST' })).resolves.toBeUndefined();
  });
});
