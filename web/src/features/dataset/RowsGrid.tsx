import '@glideapps/glide-data-grid/dist/index.css';
import {
  DataEditor,
  type DataEditorRef,
  type GridCell,
  type GridColumn,
  type Item,
  type Rectangle,
} from '@glideapps/glide-data-grid';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Column, IngestProgress, RowsPage, RowsQuery, SortKey } from '../../api/types';
import { ErrorBanner } from '../../components/ErrorBanner';
import { formatCount, isNumericType } from '../../lib/format';
import { nextSort, sortMarker } from '../../lib/sortKeys';
import { useColorScheme } from '../../lib/useColorScheme';
import { IngestBar } from '../upload/IngestBar';
import { LOADING_CELL, columnIndex, rowNumberCell, valueCell } from './cells';
import { gridTheme } from './gridTheme';
import { useRowSource } from './useRowSource';

interface Props {
  datasetId: string;
  columns: Column[];
  rowCount: number;
  query: RowsQuery;
  onSortChange: (sort: SortKey[]) => void;
  /** Columns with an active filter: their headers are marked. */
  filtered: string[];
  /** A column header's menu was clicked: open that column's filter. */
  onFilterColumn: (column: string) => void;
  /** While the file still uploads or imports: the first rows only, no sorting or filtering, and the progress. */
  preview: { hint: string; progress: IngestProgress | null } | null;
}

const ROW_NUMBER_WIDTH = 72;

/** A virtualised grid over every row of a dataset; rows arrive in blocks as the user scrolls. */
export default function RowsGrid({
  datasetId,
  columns,
  rowCount,
  query,
  onSortChange,
  filtered,
  onFilterColumn,
  preview,
}: Props) {
  const scheme = useColorScheme();
  const theme = useMemo(() => gridTheme(scheme), [scheme]);
  const faint = theme.textLight ?? '#8a929c';
  const gridRef = useRef<DataEditorRef>(null);
  const visible = useRef<Rectangle>({ x: 0, y: 0, width: 20, height: 50 });
  const [widths, setWidths] = useState<Record<string, number>>({});
  const ordered = useMemo(() => [...columns].sort((a, b) => a.position - b.position), [columns]);
  const numeric = useMemo(() => ordered.map((column) => isNumericType(column.type)), [ordered]);

  // Bumped when a block on screen arrives: a new getCellContent makes the grid render again, so the table it keeps
  // for screen readers gets the values too, not only the canvas.
  const [shownBlocks, setShownBlocks] = useState(0);

  const redrawBlock = useCallback(
    (_index: number, page: RowsPage) => {
      const range = visible.current;
      const first = Math.max(range.y, page.offset);
      const last = Math.min(range.y + range.height, page.offset + page.rows.length - 1);
      if (last < first) {
        return;
      }
      setShownBlocks((count) => count + 1);
      const cells: { cell: Item }[] = [];
      const lastColumn = Math.min(ordered.length, range.x + range.width);
      for (let row = first; row <= last; row++) {
        cells.push({ cell: [0, row] });
        for (let col = Math.max(1, range.x); col <= lastColumn; col++) {
          cells.push({ cell: [col, row] });
        }
      }
      gridRef.current?.updateCells(cells);
    },
    [ordered.length],
  );

  const source = useRowSource(datasetId, query, preview !== null, rowCount, redrawBlock);
  const { cache, showRange } = source;

  useEffect(() => {
    // A new sort or search starts at the top.
    gridRef.current?.scrollTo(0, 0);
  }, [cache]);

  const gridColumns = useMemo<GridColumn[]>(
    () => [
      { id: '#', title: '#', width: ROW_NUMBER_WIDTH, themeOverride: { textHeader: faint } },
      ...ordered.map((column, i) => {
        const marker = sortMarker(query.sort, column.name);
        const label = filtered.includes(column.name) ? `${column.label || column.name} •` : column.label || column.name;
        return {
          id: column.name,
          title: marker ? `${label} ${marker}` : label,
          width: widths[column.name] ?? (numeric[i] ? 130 : 180),
          hasMenu: preview === null,
        };
      }),
    ],
    [ordered, numeric, query.sort, widths, faint, filtered, preview === null],
  );

  const getCellContent = useCallback(
    ([col, row]: Item): GridCell => {
      const found = cache.locate(row);
      if (found === undefined) {
        return LOADING_CELL;
      }
      const { page, index } = found;
      if (col === 0) {
        return rowNumberCell(page, index, faint);
      }
      const column = ordered[col - 1];
      const at = column === undefined ? -1 : columnIndex(page, column.name);
      return valueCell(at < 0 ? null : page.rows[index]?.[at], numeric[col - 1] ?? false, faint);
    },
    [cache, ordered, numeric, faint, shownBlocks], // shownBlocks: see its declaration
  );

  const onVisibleRegionChanged = useCallback(
    (range: Rectangle) => {
      visible.current = range;
      showRange(range.y, range.y + range.height - 1);
    },
    [showRange],
  );

  const onHeaderClicked = useCallback(
    (col: number, event: { shiftKey: boolean; preventDefault: () => void }) => {
      const column = ordered[col - 1];
      if (column === undefined || preview !== null) {
        return;
      }
      event.preventDefault();
      onSortChange(nextSort(query.sort, column.name, event.shiftKey));
    },
    [ordered, query.sort, onSortChange, preview],
  );

  return (
    <>
      {preview === null ? (
        <div className="toolbar grid-status" aria-live="polite">
          <span>
            {source.totalExact ? '' : 'at least '}
            <strong>{formatCount(source.total)}</strong> {source.total === 1 && source.totalExact ? 'row' : 'rows'}
          </span>
          <span className="muted">Click a header to sort (shift-click to add a key); its menu filters.</span>
        </div>
      ) : (
        <div className="toolbar grid-status" aria-live="polite">
          <span className="status preview" title={preview.hint} data-testid="preview-badge">
            Preview — still loading
          </span>
          <span className="muted">the first {formatCount(source.total)} rows</span>
          <IngestBar progress={preview.progress} />
        </div>
      )}
      <ErrorBanner message={source.error} />
      <div className="grid-frame">
        <DataEditor
          ref={gridRef}
          columns={gridColumns}
          rows={source.total}
          getCellContent={getCellContent}
          onVisibleRegionChanged={onVisibleRegionChanged}
          onHeaderClicked={onHeaderClicked}
          onHeaderMenuClick={(col) => {
            const column = ordered[col - 1];
            if (column !== undefined) {
              onFilterColumn(column.name);
            }
          }}
          onColumnResize={(column, width) => setWidths((previous) => ({ ...previous, [String(column.id)]: width }))}
          freezeColumns={1}
          rowMarkers="none"
          smoothScrollX
          smoothScrollY
          columnSelect="none"
          rangeSelect="rect"
          getCellsForSelection
          theme={theme}
          width="100%"
          height="100%"
          rowHeight={30}
          headerHeight={34}
          maxColumnAutoWidth={400}
        />
      </div>
    </>
  );
}
