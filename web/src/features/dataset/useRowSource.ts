import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { readRows } from '../../api/datasets';
import { isAbortError, messageOf } from '../../api/http';
import type { RowsPage, RowsQuery } from '../../api/types';
import { BlockCache } from '../../lib/blockCache';

export const BLOCK_SIZE = 1000;
const MAX_BLOCKS = 40; // 40,000 rows in memory at most
const OVERSCAN_ROWS = 200;

export interface RowSource {
  cache: BlockCache<RowsPage>;
  total: number;
  totalExact: boolean;
  error: string | null;
  /** Rows firstRow..lastRow are on screen. */
  showRange: (firstRow: number, lastRow: number) => void;
}

/**
 * All rows of a dataset for one query (sort, filter, search), fetched on demand in blocks of
 * 1,000 through a {@link BlockCache}. A new query (or the end of a preview) starts a new cache and
 * cancels the old one's requests. `onBlock` is called when a block arrives, so the grid can redraw those cells.
 */
export function useRowSource(
  datasetId: string,
  query: RowsQuery,
  preview: boolean,
  initialTotal: number,
  onBlock: (index: number, page: RowsPage) => void,
): RowSource {
  // A preview's rows are not the full data's: the end of a preview starts a new cache too.
  const queryKey = JSON.stringify({ query, preview });
  const [counts, setCounts] = useState({ key: '', total: initialTotal, totalExact: true });
  const [error, setError] = useState<string | null>(null);
  const onBlockRef = useRef(onBlock);
  onBlockRef.current = onBlock;
  const lastRange = useRef<[number, number]>([0, 50]);
  const totalRef = useRef(initialTotal);
  totalRef.current = counts.total;

  const cache = useMemo(() => {
    const parsed = (JSON.parse(queryKey) as { query: RowsQuery }).query;
    return new BlockCache<RowsPage>({
      blockSize: BLOCK_SIZE,
      maxBlocks: MAX_BLOCKS,
      overscanRows: OVERSCAN_ROWS,
      fetchBlock: (offset, limit, signal) => readRows(datasetId, offset, limit, parsed, signal),
      onBlock: (index, page) => {
        setError(null);
        setCounts((previous) =>
          previous.key === queryKey && previous.total === page.total && previous.totalExact === page.totalExact
            ? previous
            : { key: queryKey, total: page.total, totalExact: page.totalExact },
        );
        onBlockRef.current(index, page);
      },
      onError: (_, failure) => {
        if (!isAbortError(failure)) {
          setError(messageOf(failure));
        }
      },
    });
  }, [datasetId, queryKey]);

  useEffect(() => {
    // A new query starts at the top (the grid scrolls there): keep the height of the view only.
    const [first, last] = lastRange.current;
    lastRange.current = [0, last - first];
    cache.setVisibleRange(0, last - first, totalRef.current);
    return () => cache.clear();
  }, [cache]);

  const showRange = useCallback(
    (firstRow: number, lastRow: number) => {
      lastRange.current = [firstRow, lastRow];
      cache.setVisibleRange(firstRow, lastRow, totalRef.current);
    },
    [cache],
  );

  // Until the new query's first block arrives, keep the previous total: no layout jump.
  return { cache, total: counts.total, totalExact: counts.totalExact, error, showRange };
}
