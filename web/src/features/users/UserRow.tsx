import { useState, type FormEvent } from 'react';
import type { Role, UserAccount, UserChange } from '../../api/users';
import { formatDateTime } from '../../lib/format';

interface Props {
  user: UserAccount;
  /** The signed-in admin's own row. */
  self: boolean;
  /** Applies a change; resolves to whether it worked. */
  onChange: (change: UserChange, done: string) => Promise<boolean>;
  onDelete: () => void;
}

export function UserRow({ user, self, onChange, onDelete }: Props) {
  const [resetting, setResetting] = useState(false);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);

  const run = async (change: UserChange, done: string) => {
    setBusy(true);
    const worked = await onChange(change, done);
    setBusy(false);
    return worked;
  };

  const resetPassword = async (event: FormEvent) => {
    event.preventDefault();
    if (await run({ password }, `Set a new password for ${user.username}; their sessions have ended.`)) {
      setPassword('');
      setResetting(false);
    }
  };

  return (
    <tr data-username={user.username}>
      <th scope="row">
        {user.username}
        {self && <span className="muted"> (you)</span>}
      </th>
      <td>
        <select
          aria-label={`Role of ${user.username}`}
          value={user.role}
          disabled={busy}
          onChange={(event) => {
            const role = event.target.value as Role;
            void run({ role }, `${user.username} is now ${role === 'ADMIN' ? 'an admin' : 'a user'}.`);
          }}
        >
          <option value="USER">User</option>
          <option value="ADMIN">Admin</option>
        </select>
      </td>
      <td>
        <span className={`status ${user.disabled ? 'failed' : 'ready'}`}>{user.disabled ? 'Disabled' : 'Active'}</span>
      </td>
      <td>{formatDateTime(user.createdAt)}</td>
      <td className="actions">
        {resetting ? (
          <form onSubmit={resetPassword} className="row-form">
            <input
              type="password"
              aria-label={`New password for ${user.username}`}
              autoComplete="new-password"
              autoFocus
              required
              value={password}
              onChange={(event) => setPassword(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === 'Escape') {
                  setResetting(false);
                }
              }}
            />
            <button type="submit" className="primary" disabled={busy || password === ''}>
              Set password
            </button>
            <button type="button" onClick={() => (setPassword(''), setResetting(false))}>
              Cancel
            </button>
          </form>
        ) : (
          <>
            <button
              type="button"
              className="link"
              disabled={busy}
              onClick={() =>
                void run(
                  { disabled: !user.disabled },
                  user.disabled
                    ? `Enabled ${user.username}.`
                    : `Disabled ${user.username}; their sessions and tokens stopped working.`,
                )
              }
            >
              {user.disabled ? 'Enable' : 'Disable'}
              <span className="visually-hidden"> {user.username}</span>
            </button>
            <button type="button" className="link" disabled={busy} onClick={() => setResetting(true)}>
              Reset password<span className="visually-hidden"> of {user.username}</span>
            </button>
            <button type="button" className="link danger-text" disabled={busy} onClick={onDelete}>
              Delete<span className="visually-hidden"> {user.username}</span>
            </button>
          </>
        )}
      </td>
    </tr>
  );
}
