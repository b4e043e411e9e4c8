import { describe, expect, it } from 'vitest';
import { BlockCache, type BlockPage } from './blockCache';

interface Page extends BlockPage {
  rows: number[];
  offset: number;
}

interface Call {
  offset: number;
  limit: number;
  signal: AbortSignal;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** A fetcher whose requests stay pending until the test resolves them. */
function manualFetcher(total = 1_000_000) {
  const calls: Call[] = [];
  const fetchBlock = (offset: number, limit: number, signal: AbortSignal) =>
    new Promise<Page>((resolve, reject) => {
      const rows = Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, i) => offset + i);
      signal.addEventListener('abort', () => {
        const error = new Error('aborted');
        error.name = 'AbortError';
        reject(error);
      });
      calls.push({ offset, limit, signal, resolve: () => resolve({ rows, offset }), reject });
    });
  return { calls, fetchBlock };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('BlockCache', () => {
  it('fetches the blocks that cover the visible range', () => {
    const { calls, fetchBlock } = manualFetcher();
    const cache = new BlockCache<Page>({ fetchBlock, blockSize: 1000 });

    cache.setVisibleRange(950, 2010);

    expect(calls.map((call) => [call.offset, call.limit])).toEqual([
      [0, 1000],
      [1000, 1000],
      [2000, 1000],
    ]);
  });

  it('adds the overscan margin but stops at the known row count', () => {
    const { calls, fetchBlock } = manualFetcher();
    const cache = new BlockCache<Page>({ fetchBlock, blockSize: 1000, overscanRows: 100 });

    cache.setVisibleRange(1020, 1050, 1080);

    expect(calls.map((call) => call.offset)).toEqual([0, 1000]);
  });

  it('serves cached rows without fetching again', async () => {
    const { calls, fetchBlock } = manualFetcher();
    const arrived: number[] = [];
    const cache = new BlockCache<Page>({ fetchBlock, blockSize: 100, onBlock: (index) => arrived.push(index) });

    cache.setVisibleRange(0, 50);
    expect(cache.locate(10)).toBeUndefined();
    calls[0].resolve();
    await flush();

    expect(arrived).toEqual([0]);
    expect(cache.locate(42)?.page.rows[cache.locate(42)!.index]).toBe(42);
    cache.setVisibleRange(5, 60);
    await cache.load(0);
    expect(calls).toHaveLength(1);
  });

  it('de-duplicates concurrent requests for the same block', async () => {
    const { calls, fetchBlock } = manualFetcher();
    const cache = new BlockCache<Page>({ fetchBlock, blockSize: 100 });

    const first = cache.load(3);
    const second = cache.load(3);
    cache.setVisibleRange(300, 399);

    expect(calls).toHaveLength(1);
    expect(second).toBe(first);
    calls[0].resolve();
    expect((await first).offset).toBe(300);
  });

  it('cancels in-flight requests for blocks that scrolled out of view', async () => {
    const { calls, fetchBlock } = manualFetcher();
    const cache = new BlockCache<Page>({ fetchBlock, blockSize: 100 });

    cache.setVisibleRange(0, 150); // blocks 0 and 1
    cache.setVisibleRange(120, 250); // blocks 1 and 2: block 0 is no longer wanted

    expect(calls.map((call) => [call.offset, call.signal.aborted])).toEqual([
      [0, true],
      [100, false],
      [200, false],
    ]);
    expect(cache.inFlightBlocks()).toEqual([1, 2]);

    cache.setVisibleRange(90_000, 90_050); // a fast jump: everything before is cancelled
    expect(calls.slice(0, 3).every((call) => call.signal.aborted)).toBe(true);
    expect(cache.inFlightBlocks()).toEqual([900]);

    calls[0].resolve(); // a late answer for a cancelled block is ignored
    await flush();
    expect(cache.has(0)).toBe(false);
  });

  it('evicts the least recently used blocks beyond the bound, never the visible ones', async () => {
    const { calls, fetchBlock } = manualFetcher();
    const cache = new BlockCache<Page>({ fetchBlock, blockSize: 10, maxBlocks: 3 });

    for (const block of [0, 1, 2]) {
      cache.setVisibleRange(block * 10, block * 10 + 5);
      calls[calls.length - 1].resolve();
      await flush();
    }
    expect(cache.cachedBlocks()).toEqual([0, 1, 2]);

    cache.setVisibleRange(0, 5); // touch block 0: block 1 is now the least recently used
    cache.setVisibleRange(30, 45); // blocks 3 and 4
    calls[calls.length - 2].resolve();
    calls[calls.length - 1].resolve();
    await flush();

    expect(cache.cachedBlocks()).toHaveLength(3);
    expect(cache.cachedBlocks()).toEqual(expect.arrayContaining([3, 4]));
    expect(cache.has(1)).toBe(false);
    expect(cache.has(2)).toBe(false);
    expect(cache.has(0)).toBe(true);
  });

  it('drops blocks and cancels requests on clear, ignoring answers to the old query', async () => {
    const { calls, fetchBlock } = manualFetcher();
    const cache = new BlockCache<Page>({ fetchBlock, blockSize: 100 });

    cache.setVisibleRange(0, 10);
    calls[0].resolve();
    await flush();
    cache.setVisibleRange(100, 110);
    cache.clear();

    expect(calls[1].signal.aborted).toBe(true);
    expect(cache.cachedBlocks()).toEqual([]);
    expect(cache.inFlightBlocks()).toEqual([]);
    cache.setVisibleRange(0, 10);
    expect(calls).toHaveLength(3);
  });

  it('reports failures, and fetches the block again next time', async () => {
    const { calls, fetchBlock } = manualFetcher();
    const errors: unknown[] = [];
    const cache = new BlockCache<Page>({ fetchBlock, blockSize: 100, onError: (_, error) => errors.push(error) });

    cache.setVisibleRange(0, 10);
    calls[0].reject(new Error('boom'));
    await flush();

    expect(errors).toHaveLength(1);
    expect(cache.inFlightBlocks()).toEqual([]);
    cache.setVisibleRange(0, 10);
    expect(calls).toHaveLength(2);
  });

  it('does not report cancellations as failures', async () => {
    const { fetchBlock } = manualFetcher();
    const errors: unknown[] = [];
    const cache = new BlockCache<Page>({ fetchBlock, blockSize: 100, onError: (_, error) => errors.push(error) });

    cache.setVisibleRange(0, 10);
    cache.setVisibleRange(500, 510);
    await flush();

    expect(errors).toEqual([]);
  });
});
