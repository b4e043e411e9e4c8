import { describe, expect, it } from 'vitest';
import { copyText } from './copyText';

function fakeField() {
  const calls: string[] = [];
  const field = {
    focus: () => calls.push('focus'),
    select: () => calls.push('select'),
  } as unknown as HTMLInputElement;
  return { field, calls };
}

describe('copyText', () => {
  it('writes to the clipboard when there is one', async () => {
    const written: string[] = [];
    const { field, calls } = fakeField();
    const result = await copyText('qt_secret', field, { writeText: async (text) => void written.push(text) });
    expect(result).toBe('copied');
    expect(written).toEqual(['qt_secret']);
    expect(calls).toEqual([]);
  });

  it('selects the text when there is no clipboard (plain http)', async () => {
    const { field, calls } = fakeField();
    expect(await copyText('qt_secret', field, undefined)).toBe('selected');
    expect(calls).toEqual(['focus', 'select']);
  });

  it('selects the text when the clipboard refuses', async () => {
    const { field, calls } = fakeField();
    const refusing = { writeText: () => Promise.reject(new Error('NotAllowedError')) };
    expect(await copyText('qt_secret', field, refusing)).toBe('selected');
    expect(calls).toEqual(['focus', 'select']);
  });
});
