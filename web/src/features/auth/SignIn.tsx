import { useState, type FormEvent } from 'react';
import { messageOf } from '../../api/http';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Logo } from '../../components/Logo';
import { useSession } from './useSession';

export function SignIn() {
  const { signIn, expired, error: sessionError } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(username.trim(), password);
    } catch (failure) {
      setError(messageOf(failure));
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <main>
      <form className="signin card" onSubmit={submit} aria-labelledby="signin-title">
        <h1 id="signin-title" className="brand">
          <Logo /> Sign in to Quarry
        </h1>
        {expired && !error && <div className="banner warning">Your session has ended. Please sign in again.</div>}
        <ErrorBanner message={error ?? sessionError} />
        <label>
          Username
          <input
            type="text"
            name="username"
            autoComplete="username"
            autoFocus
            required
            value={username}
            onChange={(event) => setUsername(event.target.value)}
          />
        </label>
        <label>
          Password
          <input
            type="password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </label>
        <button type="submit" className="primary" disabled={busy || username.trim() === '' || password === ''}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
