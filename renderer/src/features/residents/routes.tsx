/** `/residents/*`: the list, registering, one resident, and editing one. */
import { useState } from 'react';
import { Alert, Loader, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useLocation, useNavigate, useParams } from 'react-router';
import { useContractQuery } from '../../app/api/queries';
import { ErrorText } from '../../app/forms/contract-errors';
import { useCan } from '../../app/session/session-context';
import { ResidentForm } from './form/resident-form';
import { ResidentListPage } from './list/resident-list-page';
import { ResidentPage } from './page/resident-page';

export function ResidentsRoutes() {
  return (
    <Routes>
      <Route index element={<ResidentListPage />} />
      <Route path="new" element={<ResidentCreatePage />} />
      <Route path=":id" element={<ResidentPage />} />
      <Route path=":id/edit" element={<ResidentEditPage />} />
    </Routes>
  );
}

/** Back where the clerk came from (the list keeps its search in the address), else to a fallback. */
function useGoBack(fallback: string) {
  const navigate = useNavigate();
  const location = useLocation();
  return () => (location.key !== 'default' ? navigate(-1) : navigate(fallback));
}

function NotAllowed() {
  return (
    <Alert color="red" role="alert" data-testid="resident-forbidden">
      <ErrorText error={{ code: 'FORBIDDEN', message: '' }} />
    </Alert>
  );
}

function ResidentCreatePage() {
  const can = useCan();
  const navigate = useNavigate();
  const goBack = useGoBack('/residents');
  if (!can('records.write')) return <NotAllowed />;
  return <ResidentForm onSaved={(r) => navigate(`/residents/${r.id}`, { replace: true })} onCancel={goBack} />;
}

function ResidentEditPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const can = useCan();
  const navigate = useNavigate();
  const goBack = useGoBack(`/residents/${id}`);
  // The form edits the version read when it opened (fresh, never from an older cache); a newer
  // one only arrives when the clerk asks for it after a conflict.
  const resident = useContractQuery('residents.get', { id }, { staleTime: Infinity, refetchOnMount: 'always', enabled: can('records.write') });
  const [reloaded, setReloaded] = useState(false);

  if (!can('records.write')) return <NotAllowed />;
  if (resident.isError) {
    return (
      <Alert color="red" role="alert">
        <ErrorText error={resident.error.error} />
      </Alert>
    );
  }
  if (!resident.data || !resident.isFetchedAfterMount) return <Loader size="sm" aria-label={t('app.loading')} />;
  return (
    <Stack gap="sm">
      {reloaded && (
        <Alert color="blue" variant="light" withCloseButton onClose={() => setReloaded(false)} closeButtonLabel={t('common.close')} data-testid="resident-reloaded">
          {t('residents.form.staleReloaded')}
        </Alert>
      )}
      <ResidentForm
        key={resident.data.version}
        resident={resident.data}
        onSaved={(r) => navigate(`/residents/${r.id}`, { replace: true })}
        onCancel={goBack}
        onReload={() => {
          void resident.refetch().then(() => {
            setReloaded(true);
            notifications.show({ color: 'blue', message: t('residents.form.staleReloaded') });
          });
        }}
      />
    </Stack>
  );
}
