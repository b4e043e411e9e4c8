import { describe, expect, it } from 'vitest';
import { exportUrl, rowsUrl, sortParam } from './datasets';

describe('rowsUrl', () => {
  it('encodes offset, limit, sort, filter and search as in the contract', () => {
    const url = rowsUrl('ds 1', 2000, 1000, {
      sort: [
        { column: 'price', descending: false },
        { column: 'city', descending: true },
      ],
      filters: [{ column: 'city', op: 'in', values: ['Oslo', 'Bergen'] }],
      search: ' fjord ',
    });

    const [path, query] = url.split('?');
    expect(path).toBe('/api/datasets/ds%201/rows');
    const params = new URLSearchParams(query);
    expect(params.get('offset')).toBe('2000');
    expect(params.get('limit')).toBe('1000');
    expect(params.get('sort')).toBe('price,-city');
    expect(JSON.parse(params.get('filter')!)).toEqual([{ column: 'city', op: 'in', values: ['Oslo', 'Bergen'] }]);
    expect(params.get('search')).toBe('fjord');
  });

  it('leaves out empty sort, filter and search', () => {
    expect(rowsUrl('7', 0, 1000, { sort: [], filters: [], search: '  ' })).toBe('/api/datasets/7/rows?offset=0&limit=1000');
  });
});

describe('exportUrl', () => {
  it('carries the view but no offset or limit', () => {
    const url = exportUrl('ds1', {
      sort: [{ column: 'price', descending: true }],
      filters: [{ column: 'city', op: 'eq', values: ['Oslo'] }],
      search: 'late',
    });

    const [path, query] = url.split('?');
    expect(path).toBe('/api/datasets/ds1/export');
    const params = new URLSearchParams(query);
    expect([...params.keys()].sort()).toEqual(['filter', 'search', 'sort']);
    expect(params.get('sort')).toBe('-price');
  });

  it('is the bare route for a plain view', () => {
    expect(exportUrl('7', { sort: [], filters: [], search: '' })).toBe('/api/datasets/7/export');
  });
});

describe('sortParam', () => {
  it('marks descending keys with a minus', () => {
    expect(sortParam([{ column: 'a', descending: true }])).toBe('-a');
  });
});
