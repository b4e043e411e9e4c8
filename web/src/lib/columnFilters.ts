import type { Column, ColumnProfile, Filter } from '../api/types';
import { isNumericType } from './format';

/**
 * A filter as the person set it on one column, before it becomes the `filter` parameter of a rows
 * request: text that the value contains, a range (either end may be open), or values picked from a
 * list. Ops are the engine's FilterOp names (docs/reading.md), sent in lower case.
 */
export type ColumnFilter =
  | { column: string; kind: 'contains'; text: string }
  | { column: string; kind: 'range'; min: string; max: string }
  | { column: string; kind: 'values'; values: string[] };

export type FilterKind = ColumnFilter['kind'];

/** Columns with at most this many distinct values (all of them among the profile's top values) get a pick-list. */
export const PICK_LIST_MAX = 10;

export function isTemporalType(type: string): boolean {
  return /^(DATE|TIMESTAMP)\b/i.test(type.trim());
}

/** How a column is filtered: a range for numbers, dates and timestamps; a pick-list for few values; else contains. */
export function filterKindOf(column: Column, profile: ColumnProfile | undefined): FilterKind {
  if (isNumericType(column.type) || isTemporalType(column.type)) {
    return 'range';
  }
  if (pickListValues(profile) !== null) {
    return 'values';
  }
  return /^BOOLEAN\b/i.test(column.type) ? 'values' : 'contains';
}

/** Every value of a low-cardinality column (the profile's top values then hold them all), or null. */
export function pickListValues(profile: ColumnProfile | undefined): string[] | null {
  if (
    profile === undefined ||
    profile.distinctApproximate ||
    profile.distinctCount === 0 ||
    profile.distinctCount > PICK_LIST_MAX ||
    profile.topValues.length < profile.distinctCount
  ) {
    return null;
  }
  return profile.topValues.map((top) => top.value);
}

/** False for a filter that keeps every row as set (blank text, no bound, nothing picked): it is not sent. */
export function isActive(filter: ColumnFilter): boolean {
  switch (filter.kind) {
    case 'contains':
      return filter.text !== '';
    case 'range':
      return filter.min.trim() !== '' || filter.max.trim() !== '';
    case 'values':
      return filter.values.length > 0;
  }
}

/** The API filters for the column filters: one each, inactive ones left out. */
export function toQueryFilters(filters: readonly ColumnFilter[]): Filter[] {
  const query: Filter[] = [];
  for (const filter of filters) {
    if (!isActive(filter)) {
      continue;
    }
    switch (filter.kind) {
      case 'contains':
        query.push({ column: filter.column, op: 'contains', value: filter.text });
        break;
      case 'range': {
        const min = bound(filter.min);
        const max = bound(filter.max);
        if (min !== '' && max !== '') {
          query.push({ column: filter.column, op: 'between', values: [min, max] });
        } else if (min !== '') {
          query.push({ column: filter.column, op: 'ge', value: min });
        } else {
          query.push({ column: filter.column, op: 'le', value: max });
        }
        break;
      }
      case 'values':
        query.push({ column: filter.column, op: 'in', values: [...filter.values] });
        break;
    }
  }
  return query;
}

/** The `filter` query parameter (before URL encoding), or null when no filter is active. */
export function filterParam(filters: readonly ColumnFilter[]): string | null {
  const query = toQueryFilters(filters);
  return query.length === 0 ? null : JSON.stringify(query);
}

/** Sets (or, when it keeps every row, removes) the filter of its column; the others keep their order. */
export function withFilter(filters: readonly ColumnFilter[], filter: ColumnFilter): ColumnFilter[] {
  const at = filters.findIndex((existing) => existing.column === filter.column);
  if (!isActive(filter)) {
    return filters.filter((existing) => existing.column !== filter.column);
  }
  if (at < 0) {
    return [...filters, filter];
  }
  return filters.map((existing, index) => (index === at ? filter : existing));
}

/** A chip's words: `city is Oslo or Bergen`, `price 10 – 20`, `price ≥ 10`, `note contains "view"`. */
export function describeFilter(filter: ColumnFilter, label: string): string {
  switch (filter.kind) {
    case 'contains':
      return `${label} contains “${filter.text}”`;
    case 'range': {
      const min = filter.min.trim();
      const max = filter.max.trim();
      if (min !== '' && max !== '') {
        return `${label} ${min} – ${max}`;
      }
      return min !== '' ? `${label} ≥ ${min}` : `${label} ≤ ${max}`;
    }
    case 'values':
      return filter.values.length === 1
        ? `${label} is ${filter.values[0]}`
        : `${label} is ${filter.values.slice(0, -1).join(', ')} or ${filter.values[filter.values.length - 1]}`;
  }
}

/** A bound as the server reads it: trimmed; a datetime-local value without seconds gets `:00`. */
function bound(value: string): string {
  const trimmed = value.trim();
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(trimmed) ? `${trimmed}:00` : trimmed;
}
