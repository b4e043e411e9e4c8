import { describe, expect, it } from 'vitest';
import type { Column, ColumnProfile } from '../api/types';
import { rowsUrl } from '../api/datasets';
import {
  describeFilter,
  filterKindOf,
  filterParam,
  pickListValues,
  toQueryFilters,
  withFilter,
  type ColumnFilter,
} from './columnFilters';

const column = (name: string, type: string): Column => ({ name, label: name, type, position: 0 });

const profile = (distinctCount: number, values: string[], approximate = false): ColumnProfile => ({
  name: 'c',
  type: 'VARCHAR',
  nullCount: 0,
  distinctCount,
  distinctApproximate: approximate,
  min: null,
  max: null,
  mean: null,
  stddev: null,
  topValues: values.map((value) => ({ value, count: 1 })),
  histogram: [],
});

describe('toQueryFilters', () => {
  it('turns each kind of column filter into the engine ops', () => {
    const filters: ColumnFilter[] = [
      { column: 'note', kind: 'contains', text: 'sea view' },
      { column: 'price', kind: 'range', min: ' 10 ', max: '20.5' },
      { column: 'rooms', kind: 'range', min: '2', max: '' },
      { column: 'built', kind: 'range', min: '', max: '2020-12-31' },
      { column: 'city', kind: 'values', values: ['Oslo', 'Bergen'] },
    ];
    expect(toQueryFilters(filters)).toEqual([
      { column: 'note', op: 'contains', value: 'sea view' },
      { column: 'price', op: 'between', values: ['10', '20.5'] },
      { column: 'rooms', op: 'ge', value: '2' },
      { column: 'built', op: 'le', value: '2020-12-31' },
      { column: 'city', op: 'in', values: ['Oslo', 'Bergen'] },
    ]);
  });

  it('leaves out filters that keep every row', () => {
    expect(
      toQueryFilters([
        { column: 'note', kind: 'contains', text: '' },
        { column: 'price', kind: 'range', min: ' ', max: '' },
        { column: 'city', kind: 'values', values: [] },
      ]),
    ).toEqual([]);
  });

  it('gives a datetime-local bound its seconds', () => {
    expect(toQueryFilters([{ column: 'at', kind: 'range', min: '2024-01-31T13:45', max: '2024-02-01T00:00:30' }]))
      .toEqual([{ column: 'at', op: 'between', values: ['2024-01-31T13:45:00', '2024-02-01T00:00:30'] }]);
  });
});

describe('the filter parameter', () => {
  it('is absent without an active filter', () => {
    expect(filterParam([{ column: 'city', kind: 'values', values: [] }])).toBeNull();
  });

  it('is URL-encoded JSON in the rows URL, decoding to the same list', () => {
    const filters: ColumnFilter[] = [
      { column: 'price', kind: 'range', min: '100', max: '200' },
      { column: 'city', kind: 'values', values: ['Oslo & Bergen', 'Tromsø'] },
    ];
    const url = rowsUrl('d 1', 0, 1000, { sort: [], filters: toQueryFilters(filters), search: '' });
    expect(url.startsWith('/api/datasets/d%201/rows?')).toBe(true);
    expect(url).not.toContain('&values');
    const params = new URLSearchParams(url.slice(url.indexOf('?') + 1));
    expect(params.get('filter')).toBe(filterParam(filters));
    expect(JSON.parse(params.get('filter') ?? '')).toEqual([
      { column: 'price', op: 'between', values: ['100', '200'] },
      { column: 'city', op: 'in', values: ['Oslo & Bergen', 'Tromsø'] },
    ]);
  });
});

describe('withFilter', () => {
  const city: ColumnFilter = { column: 'city', kind: 'values', values: ['Oslo'] };
  const price: ColumnFilter = { column: 'price', kind: 'range', min: '1', max: '' };

  it('adds, replaces in place, and removes a filter that keeps every row', () => {
    const both = withFilter(withFilter([], city), price);
    expect(both).toEqual([city, price]);
    const changed = withFilter(both, { ...city, values: ['Bodo'] });
    expect(changed.map((filter) => filter.column)).toEqual(['city', 'price']);
    expect(withFilter(changed, { ...city, values: [] })).toEqual([price]);
  });
});

describe('filterKindOf', () => {
  it('picks a range for numbers and dates, a pick-list for few values, contains otherwise', () => {
    expect(filterKindOf(column('price', 'DECIMAL(9,2)'), undefined)).toBe('range');
    expect(filterKindOf(column('n', 'BIGINT'), profile(3, ['1', '2', '3']))).toBe('range');
    expect(filterKindOf(column('day', 'DATE'), undefined)).toBe('range');
    expect(filterKindOf(column('at', 'TIMESTAMP'), undefined)).toBe('range');
    expect(filterKindOf(column('city', 'VARCHAR'), profile(6, ['a', 'b', 'c', 'd', 'e', 'f']))).toBe('values');
    expect(filterKindOf(column('note', 'VARCHAR'), profile(11, ['a']))).toBe('contains');
    expect(filterKindOf(column('note', 'VARCHAR'), undefined)).toBe('contains');
    expect(filterKindOf(column('ok', 'BOOLEAN'), undefined)).toBe('values');
  });

  it('offers a pick-list only when the top values are every value', () => {
    expect(pickListValues(profile(2, ['x', 'y']))).toEqual(['x', 'y']);
    expect(pickListValues(profile(3, ['x', 'y']))).toBeNull();
    expect(pickListValues(profile(2, ['x', 'y'], true))).toBeNull();
    expect(pickListValues(profile(0, []))).toBeNull();
  });
});

describe('describeFilter', () => {
  it('says what a chip filters in words', () => {
    expect(describeFilter({ column: 'note', kind: 'contains', text: 'view' }, 'Note')).toBe('Note contains “view”');
    expect(describeFilter({ column: 'p', kind: 'range', min: '1', max: '2' }, 'price')).toBe('price 1 – 2');
    expect(describeFilter({ column: 'p', kind: 'range', min: '1', max: '' }, 'price')).toBe('price ≥ 1');
    expect(describeFilter({ column: 'p', kind: 'range', min: '', max: '2' }, 'price')).toBe('price ≤ 2');
    expect(describeFilter({ column: 'c', kind: 'values', values: ['Oslo'] }, 'city')).toBe('city is Oslo');
    expect(describeFilter({ column: 'c', kind: 'values', values: ['A', 'B', 'C'] }, 'city')).toBe('city is A, B or C');
  });
});
