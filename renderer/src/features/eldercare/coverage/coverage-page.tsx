/**
 * 15分钟养老服务圈: the offline map, the coverage figures and lists, and the what-if — planned
 * facilities placed on the map or typed, facilities left out as if closed — whose figures and
 * shading change before anything is saved (eldercare.coverage.compute's `whatIf`).
 */
import { useMemo, useState } from 'react';
import { useDebouncedValue } from '@mantine/hooks';
import { Alert, Button, Grid, Group, Loader, NumberInput, Select, Stack, Text } from '@mantine/core';
import { keepPreviousData } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CoverageWhatIf, MethodInput } from '../../../../../shared/contract';
import { useContractQuery } from '../../../app/api/queries';
import { ErrorText } from '../../../app/forms/contract-errors';
import { CoverageMap, type MapHit } from './map/coverage-map';
import { MapLegend } from './map/legend';
import { useScene } from './use-scene';
import { EMPTY_WHAT_IF, isEmpty, newDraft, whatIfInput, type WhatIfState } from './what-if';
import { WhatIfPanel } from './what-if-panel';
import { Headline, ServiceTable, GridTable, SettingsUsed } from './figures';
import { CompoundsTable, ResidentsList } from './lists';
import { SelectionPanel } from './selection-panel';
import { AreasSection } from './areas-section';
import { useServiceNames } from './service-names';

const LIST_PAGE = 20;

export type ComputeInput = MethodInput<'eldercare.coverage.compute'>;

export function CoveragePage() {
  const { t } = useTranslation();
  const mapData = useContractQuery('eldercare.map.data', {});
  const services = useServiceNames();
  const [minutes, setMinutes] = useState<number | undefined>(undefined);
  const [service, setService] = useState<string | undefined>(undefined);
  const [state, setState] = useState<WhatIfState>(EMPTY_WHAT_IF);
  const [listKind, setListKind] = useState<'uncovered' | 'unplaced'>('uncovered');
  const [listPage, setListPage] = useState(0);
  const [selected, setSelected] = useState<MapHit | null>(null);
  const [placing, setPlacing] = useState(false);
  const [activeDraft, setActiveDraft] = useState<string | null>(null);

  // Typing a draft's name or coordinates asks again only once the typing pauses.
  const [whatIfJson] = useDebouncedValue(JSON.stringify(whatIfInput(state, mapData.data?.facilities) ?? null), 250);
  const whatIf = useMemo(() => (JSON.parse(whatIfJson) as CoverageWhatIf | null) ?? undefined, [whatIfJson]);
  const base: ComputeInput = { ...(minutes !== undefined && { minutes }), ...(service !== undefined && { service }), ...(whatIf && { whatIf }) };
  const compute = useContractQuery(
    'eldercare.coverage.compute',
    { ...base, list: listKind, listOffset: listPage * LIST_PAGE, listLimit: LIST_PAGE },
    { placeholderData: keepPreviousData },
  );
  // The office's figures without the what-if, to show what it changes.
  const baseline = useContractQuery(
    'eldercare.coverage.compute',
    { ...(minutes !== undefined && { minutes }), ...(service !== undefined && { service }), listLimit: 1 },
    { enabled: whatIf !== undefined, placeholderData: keepPreviousData },
  );
  const figures = compute.data;
  const before = whatIf !== undefined ? baseline.data : undefined;
  const settings = figures?.settings ?? mapData.data?.settings;

  const scene = useScene(mapData.data, figures?.compounds, state, service, settings?.radiusMeters, settings?.coverageMinDaysPerWeek ?? 1, selected);

  const changeWhatIf = (next: WhatIfState) => {
    setState(next);
    setListPage(0);
  };
  const place = (point: { lng: number; lat: number }) => {
    const defaults = service ? [service] : services.active.map((s) => s.code);
    const { state: next, draft } = newDraft(state, t('eldercare.circle.whatIf.defaultName', { n: state.next }), { ...point, crs: 'wgs84' }, defaults);
    changeWhatIf(next);
    setActiveDraft(draft.key);
    setPlacing(false);
  };

  const error = mapData.error ?? compute.error;
  return (
    <Stack gap="md" data-testid="coverage-page">
      <Group align="flex-end" gap="md">
        <NumberInput
          label={t('eldercare.circle.controls.minutes')}
          description={t('eldercare.circle.controls.minutesHint')}
          min={1}
          max={120}
          allowDecimal={false}
          allowNegative={false}
          w={200}
          value={minutes ?? settings?.minutes ?? ''}
          onChange={(v) => {
            const n = typeof v === 'number' ? v : Number.parseInt(v, 10);
            setMinutes(Number.isInteger(n) && n >= 1 && n <= 120 ? n : undefined);
            setListPage(0);
          }}
          data-testid="coverage-minutes"
        />
        <Select
          label={t('eldercare.circle.controls.service')}
          w={240}
          data={[{ value: '', label: t('eldercare.circle.controls.anyService') }, ...services.active.map((s) => ({ value: s.code, label: services.name(s.code) }))]}
          value={service ?? ''}
          onChange={(v) => {
            setService(v ? v : undefined);
            setListPage(0);
          }}
          allowDeselect={false}
          data-testid="coverage-service"
        />
        {compute.isFetching && <Loader size="sm" aria-label={t('app.loading')} />}
      </Group>

      {error && (
        <Alert color="red" role="alert">
          <ErrorText error={error.error} />
        </Alert>
      )}

      {figures && <Headline figures={figures} before={before} whatIf={whatIf !== undefined} />}

      {!isEmpty(state) && (
        <Alert color="grape" variant="light" title={t('eldercare.circle.whatIf.noteTitle')} data-testid="coverage-whatif-note">
          <Group justify="space-between" align="center">
            <Text size="sm">{t('eldercare.circle.whatIf.note')}</Text>
            <Button
              size="xs"
              variant="default"
              onClick={() => {
                changeWhatIf(EMPTY_WHAT_IF);
                setActiveDraft(null);
              }}
              data-testid="coverage-whatif-reset"
            >
              {t('eldercare.circle.whatIf.reset')}
            </Button>
          </Group>
        </Alert>
      )}

      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          {scene ? (
            <CoverageMap scene={scene} placing={placing} onPick={setSelected} onPlace={place} onCancelPlacing={() => setPlacing(false)} />
          ) : (
            mapData.isPending && <Loader size="sm" aria-label={t('app.loading')} />
          )}
          <MapLegend />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="md">
            {selected && mapData.data && (
              <SelectionPanel
                selected={selected}
                mapData={mapData.data}
                compute={base}
                whatIf={state}
                onWhatIf={changeWhatIf}
                onClose={() => setSelected(null)}
                services={services}
              />
            )}
            <WhatIfPanel
              state={state}
              onChange={changeWhatIf}
              placing={placing}
              onPlacing={setPlacing}
              activeDraft={activeDraft}
              onActiveDraft={setActiveDraft}
              facilities={mapData.data?.facilities ?? []}
              services={services}
              defaultServices={service ? [service] : services.active.map((s) => s.code)}
            />
          </Stack>
        </Grid.Col>
      </Grid>

      {figures && (
        <>
          {settings && <SettingsUsed settings={settings} />}
          <ServiceTable figures={figures} before={before} services={services} />
          <GridTable figures={figures} before={before} />
          <CompoundsTable compounds={figures.compounds} onShow={(id) => setSelected({ kind: 'compound', id })} />
          <ResidentsList
            list={figures.list}
            kind={listKind}
            onKind={(kind) => {
              setListKind(kind);
              setListPage(0);
            }}
            page={listPage}
            pageSize={LIST_PAGE}
            onPage={setListPage}
            counts={{ uncovered: figures.uncovered, unplaced: figures.unplaced }}
            services={services}
            testId="coverage-list"
          />
        </>
      )}
      <AreasSection areas={mapData.data?.areas ?? []} />
    </Stack>
  );
}
