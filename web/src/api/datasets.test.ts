import { describe, expect, it } from 'vitest';
import { rowsUrl, sortParam } from './datasets';

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

describe('sortParam', () => {
  it('marks descending keys with a minus', () => {
    expect(sortParam([{ column: 'a', descending: true }])).toBe('-a');
  });
});
