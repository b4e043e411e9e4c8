import { useState } from 'react';
import { messageOf } from '../../api/http';
import { deleteUser, listUsers, updateUser, type UserAccount, type UserChange } from '../../api/users';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useLoadedList } from '../../lib/useLoadedList';
import { useSession } from '../auth/useSession';
import { NewUserForm } from './NewUserForm';
import { UserRow } from './UserRow';

/** The admin's user management: list, add, change role, disable or enable, reset password, delete. */
export function UsersPage() {
  const { user: me } = useSession();
  const { items: users, setItems: setUsers, error, setError } = useLoadedList(listUsers);
  const [notice, setNotice] = useState<string | null>(null);
  const [toDelete, setToDelete] = useState<UserAccount | null>(null);
  const [deleting, setDeleting] = useState(false);

  const replace = (changed: UserAccount) =>
    setUsers((list) => list?.map((user) => (user.id === changed.id ? changed : user)) ?? null);

  const change = async (user: UserAccount, patch: UserChange, done: string): Promise<boolean> => {
    setError(null);
    setNotice(null);
    try {
      replace(await updateUser(user.id, patch));
      setNotice(done);
      return true;
    } catch (failure) {
      setError(messageOf(failure));
      return false;
    }
  };

  const confirmDelete = async () => {
    if (toDelete === null) {
      return;
    }
    setDeleting(true);
    setError(null);
    setNotice(null);
    try {
      await deleteUser(toDelete.id);
      setUsers((list) => list?.filter((user) => user.id !== toDelete.id) ?? null);
      setNotice(`Deleted ${toDelete.username}.`);
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setDeleting(false);
      setToDelete(null);
    }
  };

  return (
    <>
      <h1>Users</h1>
      <NewUserForm
        onCreated={(created) => {
          setError(null);
          setUsers((list) => [...(list ?? []), created]);
          setNotice(`Added ${created.username}.`);
        }}
      />
      <ErrorBanner message={error} onDismiss={() => setError(null)} />
      {notice !== null && (
        <p className="muted" role="status">
          {notice}
        </p>
      )}
      <section className="card" aria-labelledby="users-title">
        <h2 id="users-title" className="visually-hidden">
          Every user
        </h2>
        {users === null ? (
          <p className="muted">Loading…</p>
        ) : (
          <table className="list users">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                <th scope="col">Status</th>
                <th scope="col">Created</th>
                <th scope="col" className="actions">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {users.map((user) => (
                <UserRow
                  key={user.id}
                  user={user}
                  self={me !== null && me !== undefined && String(me.id) === String(user.id)}
                  onChange={(patch, done) => change(user, patch, done)}
                  onDelete={() => setToDelete(user)}
                />
              ))}
            </tbody>
          </table>
        )}
      </section>
      {toDelete && (
        <ConfirmDialog
          title="Delete user?"
          message={`${toDelete.username} and their API tokens will be deleted. This cannot be undone. To keep their datasets, disable the account instead.`}
          confirmLabel="Delete user"
          busy={deleting}
          onConfirm={() => void confirmDelete()}
          onCancel={() => setToDelete(null)}
        />
      )}
    </>
  );
}
