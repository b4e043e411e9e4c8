import { GridCellKind, type GridCell } from '@glideapps/glide-data-grid';
import type { CellValue, RowsPage } from '../../api/types';
import { formatCount, formatNumber } from '../../lib/format';

export const LOADING_CELL: GridCell = {
  kind: GridCellKind.Loading,
  allowOverlay: false,
  skeletonWidth: 60,
  skeletonWidthVariability: 40,
};

/** The row's 1-based position in the file, from `positions`, for the "#" column. */
export function rowNumberCell(page: RowsPage, index: number, color: string): GridCell {
  const position = page.positions?.[index];
  const number = typeof position === 'number' ? position : page.offset + index + 1;
  return {
    kind: GridCellKind.Text,
    data: String(number),
    displayData: formatCount(number),
    allowOverlay: false,
    contentAlign: 'right',
    themeOverride: { textDark: color },
  };
}

/** One data cell: numbers right-aligned and formatted; nulls shown faint; long text in an overlay. */
export function valueCell(value: CellValue | undefined, numeric: boolean, nullColor: string): GridCell {
  if (value === null || value === undefined) {
    return {
      kind: GridCellKind.Text,
      data: '',
      displayData: 'null',
      allowOverlay: false,
      contentAlign: numeric ? 'right' : 'left',
      themeOverride: { textDark: nullColor },
    };
  }
  if (numeric) {
    if (typeof value === 'number') {
      return {
        kind: GridCellKind.Number,
        data: value,
        displayData: formatNumber(value),
        allowOverlay: false,
        readonly: true,
        contentAlign: 'right',
      };
    }
    // Big integers and decimals may come as strings to keep their precision.
    const text = String(value);
    return { kind: GridCellKind.Text, data: text, displayData: text, allowOverlay: false, contentAlign: 'right' };
  }
  const text = typeof value === 'string' ? value : String(value);
  return {
    kind: GridCellKind.Text,
    data: text,
    displayData: text.length > 500 ? `${text.slice(0, 500)}…` : text,
    allowOverlay: text.length > 40,
    readonly: true,
  };
}

const indexCache = new WeakMap<RowsPage, Map<string, number>>();

/** Where a named column sits in a page's row arrays. */
export function columnIndex(page: RowsPage, column: string): number {
  let map = indexCache.get(page);
  if (map === undefined) {
    map = new Map(page.columns.map((c, index) => [typeof c === 'string' ? c : c.name, index]));
    indexCache.set(page, map);
  }
  return map.get(column) ?? -1;
}
