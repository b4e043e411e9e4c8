/**
 * Copies text to the clipboard when the browser allows it (`navigator.clipboard` exists only in a
 * secure context: https or localhost). Otherwise, or when it refuses, selects the text in `field`
 * so the person can press Ctrl+C. Resolves to what happened.
 */
export async function copyText(
  text: string,
  field: HTMLInputElement | HTMLTextAreaElement | null,
  clipboard: Pick<Clipboard, 'writeText'> | undefined = globalThis.navigator?.clipboard,
): Promise<'copied' | 'selected'> {
  if (clipboard !== undefined) {
    try {
      await clipboard.writeText(text);
      return 'copied';
    } catch {
      // refused (no permission, page not focused): fall back to selecting the text
    }
  }
  field?.focus();
  field?.select();
  return 'selected';
}
