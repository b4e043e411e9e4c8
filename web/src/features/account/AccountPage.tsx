import { useState, type FormEvent } from 'react';
import { changeOwnPassword } from '../../api/users';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Link } from '../../components/Link';
import { useAction } from '../../lib/useAction';
import { useSession } from '../auth/useSession';

/** The signed-in user's own account: who they are, and a form to change their password. */
export function AccountPage() {
  const { user } = useSession();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeated, setRepeated] = useState('');
  const { busy, error, run } = useAction();
  const [done, setDone] = useState(false);
  const mismatch = repeated !== '' && next !== repeated;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (next !== repeated) {
      return;
    }
    setDone(false);
    await run(async () => {
      await changeOwnPassword(current, next);
      setCurrent('');
      setNext('');
      setRepeated('');
      setDone(true);
    });
  };

  return (
    <>
      <h1>Your account</h1>
      <p>
        Signed in as <strong>{user?.username}</strong>
        {user?.admin ? ' (admin)' : ''}. Scripts sign in with <Link href="/tokens">API tokens</Link>.
      </p>
      <form className="card narrow-form" onSubmit={submit} aria-labelledby="password-title">
        <h2 id="password-title">Change your password</h2>
        <ErrorBanner message={error} />
        {done && (
          <div className="banner ok" role="status">
            Your password has changed. Your other sessions have ended; this one and your API tokens go on.
          </div>
        )}
        <label>
          Current password
          <input
            type="password"
            name="current-password"
            autoComplete="current-password"
            required
            value={current}
            onChange={(event) => setCurrent(event.target.value)}
          />
        </label>
        <label>
          New password
          <input
            type="password"
            name="new-password"
            autoComplete="new-password"
            required
            value={next}
            onChange={(event) => setNext(event.target.value)}
          />
        </label>
        <label>
          New password again
          <input
            type="password"
            name="repeat-password"
            autoComplete="new-password"
            required
            aria-invalid={mismatch}
            aria-describedby={mismatch ? 'password-mismatch' : undefined}
            value={repeated}
            onChange={(event) => setRepeated(event.target.value)}
          />
        </label>
        {mismatch && (
          <p id="password-mismatch" className="field-error">
            The two new passwords differ.
          </p>
        )}
        <button
          type="submit"
          className="primary"
          disabled={busy || current === '' || next === '' || next !== repeated}
        >
          {busy ? 'Changing…' : 'Change password'}
        </button>
      </form>
    </>
  );
}
