import type { CellValue, ColumnProfile } from '../../api/types';
import { formatCount, formatNumber } from '../../lib/format';

/** A profile value for a table cell: numbers in the locale, dates as sent, absent as a dash. */
export function formatProfileValue(value: CellValue | undefined): string {
  if (value === null || value === undefined) {
    return '—';
  }
  if (typeof value === 'number') {
    return formatNumber(value);
  }
  const text = String(value);
  return /^\d{4}-\d{2}-\d{2}T00:00:00$/.test(text) ? text.slice(0, 10) : text;
}

/** The distinct count, marked "≈" when the server estimated it. */
export function formatDistinct(column: ColumnProfile): string {
  return (column.distinctApproximate ? '≈ ' : '') + formatCount(column.distinctCount);
}

/** Bar heights from 0 to `height` for counts, the largest count full height; a non-zero count shows at least 1. */
export function barHeights(counts: number[], height: number): number[] {
  const largest = Math.max(0, ...counts);
  if (largest === 0) {
    return counts.map(() => 0);
  }
  return counts.map((count) => (count === 0 ? 0 : Math.max(1, (count / largest) * height)));
}
