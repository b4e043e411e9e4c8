import { afterEach, describe, expect, it, vi } from 'vitest';
import { cappedAt, fieldsUrl, queryUrl, runQuery, warningsOf } from './chartApi';

describe('chartApi', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('reads the row cap from X-Quarry-Capped', () => {
    expect(cappedAt(new Headers({ 'X-Quarry-Capped': '50000' }))).toBe(50000);
    expect(cappedAt(new Headers())).toBeNull();
    expect(cappedAt(new Headers({ 'X-Quarry-Capped': 'lots' }))).toBeNull();
  });

  it('reads the warnings from X-Quarry-Warnings, as the server encodes them', () => {
    // ChartController: URLEncoder over the JSON, with + turned into %20
    const encoded =
      '%5B%22The%20pattern%20%5C%22%28%5B%5C%22%20is%20not%20a%20valid%20regular%20expression.%22%2C%22%C3%A6%22%5D';
    expect(warningsOf(new Headers({ 'X-Quarry-Warnings': encoded }))).toEqual([
      'The pattern "([" is not a valid regular expression.',
      'æ',
    ]);
    expect(warningsOf(new Headers())).toEqual([]);
    expect(warningsOf(new Headers({ 'X-Quarry-Warnings': '%E0%A4%A' }))).toEqual([]);
    expect(warningsOf(new Headers({ 'X-Quarry-Warnings': '%7B%7D' }))).toEqual([]);
  });

  it('escapes the dataset id in its urls', () => {
    expect(fieldsUrl('a/b')).toBe('/api/datasets/a%2Fb/fields');
    expect(queryUrl('abc')).toBe('/api/datasets/abc/query');
  });

  it('posts the payload as JSON and reports a capped answer', async () => {
    const fetchMock = vi.fn(async () =>
      new Response('[{"n":1}]', { status: 200, headers: { 'Content-Type': 'application/json', 'X-Quarry-Capped': '10' } }),
    );
    vi.stubGlobal('fetch', fetchMock);
    const answer = await runQuery('ds1', { workflow: [] });
    expect(answer).toEqual({ rows: [{ n: 1 }], cappedAt: 10, warnings: [] });
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/datasets/ds1/query');
    expect(init.method).toBe('POST');
    expect(init.body).toBe('{"workflow":[]}');
  });

  it('turns a problem into an error with its detail', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () =>
        new Response('{"status":400,"code":"QUERY_INVALID","detail":"The chart asks for an unknown view \\"x\\"."}', {
          status: 400,
          headers: { 'Content-Type': 'application/problem+json' },
        }),
      ),
    );
    await expect(runQuery('ds1', { workflow: [] })).rejects.toThrow('unknown view "x"');
  });
});
