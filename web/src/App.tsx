import { lazy, Suspense } from 'react';
import { Link } from './components/Link';
import { Logo } from './components/Logo';
import { AccountPage } from './features/account/AccountPage';
import { DatasetsPage } from './features/datasets/DatasetsPage';
import { SignIn } from './features/auth/SignIn';
import { useSession } from './features/auth/useSession';
import { TokensPage } from './features/tokens/TokensPage';
import { UsersPage } from './features/users/UsersPage';
import { useRoute } from './lib/useRoute';

const DatasetView = lazy(() => import('./features/dataset/DatasetView').then((m) => ({ default: m.DatasetView })));

export function App() {
  const { user, signOut } = useSession();
  const route = useRoute();

  if (user === undefined) {
    return (
      <main aria-busy="true">
        <p className="muted">Loading…</p>
      </main>
    );
  }
  if (user === null) {
    return <SignIn />;
  }

  return (
    <div className="app">
      <a className="skip-link" href="#content">
        Skip to content
      </a>
      <header className="topbar">
        <Link href="/" className="brand">
          <Logo /> Quarry
        </Link>
        <nav aria-label="Main">
          <Link href="/" current={route.name === 'datasets'}>
            Datasets
          </Link>
          <Link href="/tokens" current={route.name === 'tokens'}>
            API tokens
          </Link>
          <Link href="/account" current={route.name === 'account'}>
            Account
          </Link>
          {user.admin && (
            <Link href="/users" current={route.name === 'users'}>
              Users
            </Link>
          )}
        </nav>
        <span className="spacer" />
        <span className="user">
          {user.username}
          {user.admin ? ' (admin)' : ''}
        </span>
        <button type="button" onClick={() => void signOut()}>
          Sign out
        </button>
      </header>
      <main id="content" tabIndex={-1} className={route.name === 'dataset' ? 'wide' : undefined}>
        {route.name === 'datasets' && <DatasetsPage />}
        {route.name === 'dataset' && (
          <Suspense fallback={<p className="muted">Loading…</p>}>
            <DatasetView key={route.id} id={route.id} tab={route.tab} />
          </Suspense>
        )}
        {route.name === 'account' && <AccountPage />}
        {route.name === 'tokens' && <TokensPage />}
        {route.name === 'users' && user.admin && <UsersPage />}
        {(route.name === 'notFound' || (route.name === 'users' && !user.admin)) && (
          <>
            <h1>Page not found</h1>
            <p>
              <Link href="/">Go to your datasets</Link>
            </p>
          </>
        )}
      </main>
    </div>
  );
}
