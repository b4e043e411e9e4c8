import { describe, expect, it } from 'vitest';
import type { ColumnProfile } from '../../api/types';
import { barHeights, formatDistinct, formatProfileValue } from './profileFormat';

const column: ColumnProfile = {
  name: 'id',
  type: 'BIGINT',
  nullCount: 0,
  distinctCount: 150000,
  distinctApproximate: true,
  min: 1,
  max: 150000,
  mean: 75000.5,
  stddev: 43301.27,
  topValues: [],
  histogram: [],
};

describe('barHeights', () => {
  it('scales to the largest count and keeps small counts visible', () => {
    expect(barHeights([0, 1, 1000, 500], 20)).toEqual([0, 1, 20, 10]);
  });

  it('draws nothing when every count is 0', () => {
    expect(barHeights([0, 0], 20)).toEqual([0, 0]);
  });
});

describe('formatDistinct', () => {
  it('marks an estimated count', () => {
    expect(formatDistinct(column)).toMatch(/^≈ /);
    expect(formatDistinct({ ...column, distinctApproximate: false, distinctCount: 7 })).toBe('7');
  });
});

describe('formatProfileValue', () => {
  it('shows absent values as a dash and midnight timestamps as days', () => {
    expect(formatProfileValue(null)).toBe('—');
    expect(formatProfileValue('2024-01-01T00:00:00')).toBe('2024-01-01');
    expect(formatProfileValue('Oslo')).toBe('Oslo');
  });
});
