import { useContractQuery } from '../api/queries';
import { CoreUnavailable, FullPageLoader } from '../components/full-page';
import { SetupPage } from '../../features/setup/setup-page';
import { LoginPage } from '../../features/login/login-page';
import { SignedIn } from './signed-in';
import { useSessionEvents } from './use-session-events';

/**
 * First run → setup; no session → login; otherwise the shell (with the lock screen over it when
 * locked). Login and lock are states, not routes: after signing in again the clerk is back on
 * the page they were on.
 */
export function SessionGate() {
  useSessionEvents();
  const status = useContractQuery('office.status', {}, { staleTime: Infinity });
  const office = status.data?.initialized ? status.data.office : null;
  const session = useContractQuery('accounts.session', {}, { enabled: office !== null, staleTime: Infinity });

  if (status.isPending) return <FullPageLoader />;
  if (status.isError) return <CoreUnavailable error={status.error.error} onRetry={() => void status.refetch()} />;
  if (!office) return <SetupPage />;
  if (session.isPending) return <FullPageLoader />;
  if (session.isError) return <CoreUnavailable error={session.error.error} onRetry={() => void session.refetch()} />;
  if (!session.data.session) return <LoginPage office={office} />;
  return (
    <SignedIn
      context={{
        session: session.data.session,
        office,
        appVersion: status.data.appVersion,
        schemaVersion: status.data.schemaVersion,
      }}
    />
  );
}
