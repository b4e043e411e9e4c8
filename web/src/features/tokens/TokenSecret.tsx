import { useRef, useState } from 'react';
import type { CreatedToken } from '../../api/tokens';
import { copyText } from '../../lib/copyText';
import { formatDateTime } from '../../lib/format';

interface Props {
  token: CreatedToken;
  onDone: () => void;
}

/** The secret of a token just created: shown this once, with a Copy button. */
export function TokenSecret({ token, onDone }: Props) {
  const field = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'copied' | 'selected' | null>(null);

  return (
    <section className="card token-secret" aria-labelledby="token-secret-title">
      <h2 id="token-secret-title">Your new token “{token.name}”</h2>
      <p>
        <strong>Copy it now: you won’t see it again.</strong> Quarry keeps only a hash of it.
        {token.expiresAt ? ` It expires ${formatDateTime(token.expiresAt)}.` : ' It does not expire.'}
      </p>
      <div className="secret-row">
        <input
          ref={field}
          type="text"
          readOnly
          aria-label="Token secret"
          className="secret"
          value={token.token}
          onFocus={(event) => event.target.select()}
        />
        <button
          type="button"
          className="primary"
          onClick={() => void copyText(token.token, field.current).then(setCopied)}
        >
          Copy
        </button>
        <button type="button" onClick={onDone}>
          Done
        </button>
      </div>
      <p className="muted" role="status">
        {copied === 'copied' && 'Copied to the clipboard.'}
        {copied === 'selected' && 'The browser did not allow copying: the token is selected, press Ctrl+C (⌘C).'}
      </p>
    </section>
  );
}
