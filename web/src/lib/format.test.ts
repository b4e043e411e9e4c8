import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration, formatRate, isNumericType } from './format';

describe('format', () => {
  it('formats sizes in decimal units', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1_500)).toBe('1.50 KB');
    expect(formatBytes(1_234_567_890)).toBe('1.23 GB');
    expect(formatBytes(null)).toBe('—');
  });

  it('formats rates and durations', () => {
    expect(formatRate(2_500_000)).toBe('2.5 MB/s');
    expect(formatRate(0)).toBe('—');
    expect(formatDuration(42_000)).toBe('42 s');
    expect(formatDuration(125_000)).toBe('2 min 05 s');
    expect(formatDuration(3_900_000)).toBe('1 h 05 min');
  });

  it('knows numeric column types', () => {
    expect(isNumericType('BIGINT')).toBe(true);
    expect(isNumericType('DECIMAL(18,2)')).toBe(true);
    expect(isNumericType('double')).toBe(true);
    expect(isNumericType('VARCHAR')).toBe(false);
    expect(isNumericType('DATE')).toBe(false);
  });
});
