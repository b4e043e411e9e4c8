import type { SortKey } from '../api/types';

/**
 * The sort after a click on a column header. A plain click sorts by that column alone, cycling
 * ascending → descending → unsorted; a shift-click adds the column as a further key, or cycles that
 * key's direction (ascending → descending → removed) when it is already there.
 */
export function nextSort(current: readonly SortKey[], column: string, additive: boolean): SortKey[] {
  const existing = current.find((key) => key.column === column);
  if (!additive) {
    if (current.length === 1 && existing !== undefined) {
      return existing.descending ? [] : [{ column, descending: true }];
    }
    return [{ column, descending: false }];
  }
  if (existing === undefined) {
    return [...current, { column, descending: false }];
  }
  if (!existing.descending) {
    return current.map((key) => (key.column === column ? { column, descending: true } : key));
  }
  return current.filter((key) => key.column !== column);
}

/** "▲", "▼", with the key's rank when there are several keys. */
export function sortMarker(current: readonly SortKey[], column: string): string {
  const rank = current.findIndex((key) => key.column === column);
  if (rank < 0) {
    return '';
  }
  const arrow = current[rank].descending ? '▼' : '▲';
  return current.length > 1 ? `${arrow}${rank + 1}` : arrow;
}
