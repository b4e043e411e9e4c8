/**
 * A bounded cache of fixed-size row blocks fetched on demand, for a virtualised grid over a table
 * of any size. The grid tells the cache which rows are visible; the cache fetches the blocks that
 * cover them (plus an overscan margin), de-duplicates concurrent requests for the same block,
 * cancels requests for blocks that have scrolled out of view, and evicts the least recently used
 * blocks beyond `maxBlocks` (never the ones in view).
 */

export interface BlockPage {
  rows: readonly unknown[];
}

export type BlockFetcher<P extends BlockPage> = (
  offset: number,
  limit: number,
  signal: AbortSignal,
) => Promise<P>;

export interface BlockCacheOptions<P extends BlockPage> {
  fetchBlock: BlockFetcher<P>;
  /** Rows per block (and per request). */
  blockSize?: number;
  /** Blocks kept in memory; the least recently used beyond this are dropped. */
  maxBlocks?: number;
  /** Rows beyond each edge of the visible range that are loaded too. */
  overscanRows?: number;
  /** A block has arrived. */
  onBlock?: (index: number, page: P) => void;
  /** A block request failed (not counting cancellations). */
  onError?: (index: number, error: unknown) => void;
}

interface InFlight<P> {
  controller: AbortController;
  promise: Promise<P>;
}

export class BlockCache<P extends BlockPage> {
  readonly blockSize: number;
  readonly maxBlocks: number;
  readonly overscanRows: number;
  private readonly fetchBlock: BlockFetcher<P>;
  private readonly onBlock: ((index: number, page: P) => void) | undefined;
  private readonly onError: ((index: number, error: unknown) => void) | undefined;
  /** Insertion order is recency order: the first key is the least recently used block. */
  private readonly blocks = new Map<number, P>();
  private readonly inFlight = new Map<number, InFlight<P>>();
  private wanted = new Set<number>();
  private generation = 0;

  constructor(options: BlockCacheOptions<P>) {
    this.fetchBlock = options.fetchBlock;
    this.blockSize = options.blockSize ?? 1000;
    this.maxBlocks = options.maxBlocks ?? 30;
    this.overscanRows = options.overscanRows ?? 0;
    this.onBlock = options.onBlock;
    this.onError = options.onError;
    if (!Number.isInteger(this.blockSize) || this.blockSize < 1) {
      throw new RangeError(`blockSize must be a positive integer, was ${this.blockSize}`);
    }
    if (!Number.isInteger(this.maxBlocks) || this.maxBlocks < 1) {
      throw new RangeError(`maxBlocks must be a positive integer, was ${this.maxBlocks}`);
    }
  }

  /** The indexes of the blocks that hold rows `first`..`last` (inclusive). */
  blocksFor(first: number, last: number): number[] {
    if (last < first || last < 0) {
      return [];
    }
    const from = Math.floor(Math.max(0, first) / this.blockSize);
    const to = Math.floor(last / this.blockSize);
    const indexes: number[] = [];
    for (let index = from; index <= to; index++) {
      indexes.push(index);
    }
    return indexes;
  }

  /**
   * Declares rows `first`..`last` visible: loads the blocks that cover them (with the overscan
   * margin) and cancels in-flight requests for any other block. `rowCount`, when known, keeps the
   * overscan from asking for blocks past the end.
   */
  setVisibleRange(first: number, last: number, rowCount?: number): void {
    let to = last + this.overscanRows;
    if (rowCount !== undefined) {
      to = Math.min(to, rowCount - 1);
    }
    const indexes = this.blocksFor(first - this.overscanRows, to);
    this.wanted = new Set(indexes);
    for (const [index, request] of this.inFlight) {
      if (!this.wanted.has(index)) {
        request.controller.abort();
        this.inFlight.delete(index);
      }
    }
    for (const index of indexes) {
      const cached = this.blocks.get(index);
      if (cached !== undefined) {
        this.touch(index, cached);
      } else {
        this.load(index).catch(() => undefined);
      }
    }
  }

  /** The block with this index, fetching it unless it is cached or already on its way. */
  load(index: number): Promise<P> {
    const cached = this.blocks.get(index);
    if (cached !== undefined) {
      this.touch(index, cached);
      return Promise.resolve(cached);
    }
    const pending = this.inFlight.get(index);
    if (pending !== undefined) {
      return pending.promise;
    }
    const controller = new AbortController();
    const generation = this.generation;
    const promise = this.fetchBlock(index * this.blockSize, this.blockSize, controller.signal).then(
      (page) => {
        if (this.inFlight.get(index)?.controller === controller) {
          this.inFlight.delete(index);
        }
        if (controller.signal.aborted || generation !== this.generation) {
          throw abortError();
        }
        this.blocks.set(index, page);
        this.evict();
        this.onBlock?.(index, page);
        return page;
      },
      (error: unknown) => {
        if (this.inFlight.get(index)?.controller === controller) {
          this.inFlight.delete(index);
        }
        if (!controller.signal.aborted && generation === this.generation) {
          this.onError?.(index, error);
        }
        throw error;
      },
    );
    this.inFlight.set(index, { controller, promise });
    return promise;
  }

  /** The cached row at this absolute index and its block, or `undefined` while it loads. */
  locate(row: number): { page: P; index: number } | undefined {
    const page = this.blocks.get(Math.floor(row / this.blockSize));
    if (page === undefined) {
      return undefined;
    }
    const index = row % this.blockSize;
    return index < page.rows.length ? { page, index } : undefined;
  }

  has(index: number): boolean {
    return this.blocks.has(index);
  }

  isLoading(index: number): boolean {
    return this.inFlight.has(index);
  }

  /** Indexes of cached blocks, least recently used first. */
  cachedBlocks(): number[] {
    return [...this.blocks.keys()];
  }

  inFlightBlocks(): number[] {
    return [...this.inFlight.keys()];
  }

  /** Drops every block and cancels every request: the query (sort, filter, search) changed. */
  clear(): void {
    this.generation++;
    for (const request of this.inFlight.values()) {
      request.controller.abort();
    }
    this.inFlight.clear();
    this.blocks.clear();
    this.wanted = new Set();
  }

  private touch(index: number, page: P): void {
    this.blocks.delete(index);
    this.blocks.set(index, page);
  }

  private evict(): void {
    if (this.blocks.size <= this.maxBlocks) {
      return;
    }
    for (const index of this.blocks.keys()) {
      if (this.blocks.size <= this.maxBlocks) {
        break;
      }
      if (!this.wanted.has(index)) {
        this.blocks.delete(index);
      }
    }
  }
}

function abortError(): Error {
  const error = new Error('The block request was cancelled.');
  error.name = 'AbortError';
  return error;
}
