import { describe, expect, it } from 'vitest';
import { nextSort, sortMarker } from './sortKeys';

const asc = (column: string) => ({ column, descending: false });
const desc = (column: string) => ({ column, descending: true });

describe('nextSort', () => {
  it('cycles one column ascending, descending, unsorted on plain clicks', () => {
    expect(nextSort([], 'a', false)).toEqual([asc('a')]);
    expect(nextSort([asc('a')], 'a', false)).toEqual([desc('a')]);
    expect(nextSort([desc('a')], 'a', false)).toEqual([]);
  });

  it('replaces the keys on a plain click on another column', () => {
    expect(nextSort([asc('a'), desc('b')], 'c', false)).toEqual([asc('c')]);
    expect(nextSort([asc('a'), desc('b')], 'a', false)).toEqual([asc('a')]);
  });

  it('adds and cycles keys on shift-click', () => {
    expect(nextSort([asc('a')], 'b', true)).toEqual([asc('a'), asc('b')]);
    expect(nextSort([asc('a'), asc('b')], 'b', true)).toEqual([asc('a'), desc('b')]);
    expect(nextSort([asc('a'), desc('b')], 'b', true)).toEqual([asc('a')]);
  });

  it('marks sorted headers', () => {
    expect(sortMarker([desc('a')], 'a')).toBe('▼');
    expect(sortMarker([asc('a'), desc('b')], 'b')).toBe('▼2');
    expect(sortMarker([asc('a')], 'b')).toBe('');
  });
});
