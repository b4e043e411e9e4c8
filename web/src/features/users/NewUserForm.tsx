import { useState, type FormEvent } from 'react';
import { createUser, type Role, type UserAccount } from '../../api/users';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useAction } from '../../lib/useAction';

interface Props {
  onCreated: (user: UserAccount) => void;
}

export function NewUserForm({ onCreated }: Props) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('USER');
  const { busy, error, run } = useAction();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await run(async () => {
      onCreated(await createUser(username.trim(), password, role));
      setUsername('');
      setPassword('');
      setRole('USER');
    });
  };

  return (
    <form className="card inline-form" onSubmit={submit} aria-labelledby="new-user-title">
      <h2 id="new-user-title">Add a user</h2>
      <ErrorBanner message={error} />
      <div className="fields">
        <label>
          Name
          <input
            type="text"
            name="new-username"
            autoComplete="off"
            required
            value={username}
            onChange={(event) => setUsername(event.target.value)}
          />
        </label>
        <label>
          Password
          <input
            type="password"
            name="new-password"
            autoComplete="new-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </label>
        <label>
          Role
          <select name="new-role" value={role} onChange={(event) => setRole(event.target.value as Role)}>
            <option value="USER">User</option>
            <option value="ADMIN">Admin</option>
          </select>
        </label>
        <button type="submit" className="primary" disabled={busy || username.trim() === '' || password === ''}>
          {busy ? 'Adding…' : 'Add user'}
        </button>
      </div>
    </form>
  );
}
