import { useState, type FormEvent } from 'react';
import { createToken, type CreatedToken } from '../../api/tokens';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useAction } from '../../lib/useAction';

interface Props {
  onCreated: (token: CreatedToken) => void;
}

export function NewTokenForm({ onCreated }: Props) {
  const [name, setName] = useState('');
  const [days, setDays] = useState('');
  const { busy, error, run } = useAction();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await run(async () => {
      onCreated(await createToken(name.trim(), days.trim() === '' ? undefined : Number(days)));
      setName('');
      setDays('');
    });
  };

  return (
    <form className="card inline-form" onSubmit={submit} aria-labelledby="new-token-title">
      <h2 id="new-token-title">Create a token</h2>
      <ErrorBanner message={error} />
      <div className="fields">
        <label>
          Name
          <input
            type="text"
            name="token-name"
            placeholder="e.g. laptop scripts"
            autoComplete="off"
            required
            maxLength={200}
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
        </label>
        <label>
          Expires after (days)
          <input
            type="number"
            name="token-days"
            min={1}
            step={1}
            placeholder="never"
            value={days}
            onChange={(event) => setDays(event.target.value)}
          />
        </label>
        <button type="submit" className="primary" disabled={busy || name.trim() === ''}>
          {busy ? 'Creating…' : 'Create token'}
        </button>
      </div>
    </form>
  );
}
