interface Props {
  message: string | null | undefined;
  onDismiss?: () => void;
}

/** A user-facing error: the problem's `detail`, never a code. Announced to screen readers. */
export function ErrorBanner({ message, onDismiss }: Props) {
  if (!message) {
    return null;
  }
  return (
    <div className="banner error" role="alert">
      {message}
      {onDismiss && (
        <>
          {' '}
          <button type="button" className="link" onClick={onDismiss}>
            Dismiss
          </button>
        </>
      )}
    </div>
  );
}
