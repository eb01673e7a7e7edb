/**
 * `/eldercare/facilities/*`: the facility list (or the compounds, one switch away), a new facility,
 * one facility's page, editing it, and the facilities/compounds import.
 */
import { Alert, Button, Group, Loader, SegmentedControl, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { useContractQuery } from '../../../app/api/queries';
import { ErrorText } from '../../../app/forms/contract-errors';
import { useCan } from '../../../app/session/session-context';
import { CompoundList } from './compounds';
import { FacilityForm } from './facility-form';
import { FacilityList } from './facility-list';
import { FacilityPage } from './facility-page';
import { PlacesImport } from './places-import';

export function FacilitiesRoutes() {
  return (
    <Routes>
      <Route index element={<FacilitiesHome />} />
      <Route path="new" element={<FacilityCreatePage />} />
      <Route path="import" element={<ImportPage />} />
      <Route path=":id" element={<FacilityPage />} />
      <Route path=":id/edit" element={<FacilityEditPage />} />
    </Routes>
  );
}

/** 设施 / 小区: the two lists this tab keeps, the choice in the address (?view=compounds). */
function FacilitiesHome() {
  const { t } = useTranslation();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const view = params.get('view') === 'compounds' ? 'compounds' : 'facilities';
  return (
    <Stack gap="sm">
      <Group justify="space-between" wrap="wrap">
        <SegmentedControl
          value={view}
          aria-label={t('eldercare.facilitiesUi.views.label')}
          data={[
            { value: 'facilities', label: t('eldercare.facilitiesUi.views.facilities') },
            { value: 'compounds', label: t('eldercare.facilitiesUi.views.compounds') },
          ]}
          onChange={(value) => setParams(value === 'compounds' ? { view: 'compounds' } : {}, { replace: true })}
          data-testid="facilities-view"
        />
        {can('records.write') && (
          <Group gap="xs">
            <Button component={Link} to={`import${view === 'compounds' ? '?target=compounds' : ''}`} variant="default" data-testid="places-import-open">
              {t('eldercare.facilitiesUi.import.open')}
            </Button>
            {view === 'facilities' && (
              <Button component={Link} to="new" data-testid="facility-new">
                {t('eldercare.facilitiesUi.form.newTitle')}
              </Button>
            )}
          </Group>
        )}
      </Group>
      {view === 'compounds' ? <CompoundList /> : <FacilityList />}
    </Stack>
  );
}

function useGoBack(fallback: string) {
  const navigate = useNavigate();
  const location = useLocation();
  return () => (location.key !== 'default' ? navigate(-1) : navigate(fallback));
}

function NotAllowed() {
  return (
    <Alert color="red" role="alert" data-testid="facility-forbidden">
      <ErrorText error={{ code: 'FORBIDDEN', message: '' }} />
    </Alert>
  );
}

function FacilityCreatePage() {
  const can = useCan();
  const navigate = useNavigate();
  const goBack = useGoBack('/eldercare/facilities');
  if (!can('records.write')) return <NotAllowed />;
  return <FacilityForm onSaved={(f) => navigate(`/eldercare/facilities/${f.id}`, { replace: true })} onCancel={goBack} />;
}

function FacilityEditPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const can = useCan();
  const navigate = useNavigate();
  const goBack = useGoBack(`/eldercare/facilities/${id}`);
  // The form edits the version read when it opened, never an older cached one.
  const facility = useContractQuery('eldercare.facilities.get', { id }, { staleTime: Infinity, refetchOnMount: 'always', enabled: can('records.write') });
  if (!can('records.write')) return <NotAllowed />;
  if (facility.isError) {
    return (
      <Alert color="red" role="alert">
        <ErrorText error={facility.error.error} />
      </Alert>
    );
  }
  if (!facility.data || !facility.isFetchedAfterMount) return <Loader size="sm" aria-label={t('app.loading')} />;
  return <FacilityForm key={facility.data.version} facility={facility.data} onSaved={(f) => navigate(`/eldercare/facilities/${f.id}`, { replace: true })} onCancel={goBack} />;
}

function ImportPage() {
  const can = useCan();
  const [params] = useSearchParams();
  if (!can('records.write')) return <NotAllowed />;
  return <PlacesImport initialTarget={params.get('target') === 'compounds' ? 'compounds' : 'facilities'} />;
}
