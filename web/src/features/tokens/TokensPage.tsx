import { useState } from 'react';
import { messageOf } from '../../api/http';
import { listTokens, revokeToken, type ApiToken, type CreatedToken } from '../../api/tokens';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useLoadedList } from '../../lib/useLoadedList';
import { formatDateTime } from '../../lib/format';
import { NewTokenForm } from './NewTokenForm';
import { TokenSecret } from './TokenSecret';

/** The signed-in user's API tokens: create one (its secret shown once), list them, revoke one. */
export function TokensPage() {
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const { items: tokens, setItems: setTokens, error, setError, reload: load } = useLoadedList(listTokens);
  const [toRevoke, setToRevoke] = useState<ApiToken | null>(null);
  const [revoking, setRevoking] = useState(false);

  const confirmRevoke = async () => {
    if (toRevoke === null) {
      return;
    }
    setRevoking(true);
    setError(null);
    try {
      await revokeToken(toRevoke.id);
      setTokens((list) => list?.filter((token) => token.id !== toRevoke.id) ?? null);
      if (created?.id === toRevoke.id) {
        setCreated(null);
      }
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setRevoking(false);
      setToRevoke(null);
    }
  };

  return (
    <>
      <h1>API tokens</h1>
      <p className="muted">
        A token lets a script call the Quarry API as you: send it as <code>Authorization: Bearer …</code>. Revoke a
        token you no longer use.
      </p>
      <NewTokenForm
        onCreated={(token) => {
          setCreated(token);
          setError(null);
          load();
        }}
      />
      {created && <TokenSecret token={created} onDone={() => setCreated(null)} />}
      <ErrorBanner message={error} onDismiss={() => setError(null)} />
      <section className="card" aria-labelledby="tokens-title">
        <h2 id="tokens-title" className="visually-hidden">
          Your tokens
        </h2>
        {tokens === null ? (
          <p className="muted">Loading…</p>
        ) : tokens.length === 0 ? (
          <p className="muted">No tokens yet.</p>
        ) : (
          <table className="list tokens">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Created</th>
                <th scope="col">Expires</th>
                <th scope="col">Last used</th>
                <th scope="col" className="actions">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((token) => (
                <tr key={token.id} data-token-name={token.name}>
                  <th scope="row">{token.name}</th>
                  <td>{formatDateTime(token.createdAt)}</td>
                  <td>{token.expiresAt ? formatDateTime(token.expiresAt) : 'Never'}</td>
                  <td>{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : 'Not yet'}</td>
                  <td className="actions">
                    <button type="button" className="link danger-text" onClick={() => setToRevoke(token)}>
                      Revoke<span className="visually-hidden"> {token.name}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {toRevoke && (
        <ConfirmDialog
          title="Revoke token?"
          message={`Scripts that use “${toRevoke.name}” will get “please sign in” answers from now on. This cannot be undone.`}
          confirmLabel="Revoke"
          busy={revoking}
          onConfirm={() => void confirmRevoke()}
          onCancel={() => setToRevoke(null)}
        />
      )}
    </>
  );
}
