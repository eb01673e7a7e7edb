/** The map's figures as tables: every compound (the same as its dots), and the residents not covered or with no position, paged. */
import { useMemo, useState } from 'react';
import { Anchor, Button, Group, SegmentedControl, Stack, Table, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CompoundCoverage, CoverageListItem, CoverageOutput } from '../../../../../shared/contract';
import { TitledTable } from '../../../app/components/titled-table';
import { formatShare } from './map/shading';
import { num } from './figures';
import type { ServiceNames } from './service-names';

const COMPOUND_PAGE = 25;

export function Pager({ page, pageSize, total, onPage, testId }: { page: number; pageSize: number; total: number; onPage(page: number): void; testId: string }) {
  const { t } = useTranslation();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  return (
    <Group gap="xs" data-testid={testId}>
      <Button size="xs" variant="default" disabled={page === 0} onClick={() => onPage(page - 1)}>
        {t('eldercare.circle.pager.previous')}
      </Button>
      <Text size="sm" aria-live="polite">
        {t('eldercare.circle.pager.page', { page: page + 1, pages })}
      </Text>
      <Button size="xs" variant="default" disabled={page + 1 >= pages} onClick={() => onPage(page + 1)}>
        {t('eldercare.circle.pager.next')}
      </Button>
    </Group>
  );
}

/** Worst first: the lowest share on top, compounds with nobody placed at the end. */
export function CompoundsTable({ compounds, onShow }: { compounds: readonly CompoundCoverage[]; onShow(id: string): void }) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState('');
  const [page, setPage] = useState(0);
  const sorted = useMemo(() => {
    const q = filter.trim();
    return compounds
      .filter((c) => !q || c.name.includes(q))
      .sort((a, b) => (a.share ?? 2) - (b.share ?? 2) || b.older - a.older || a.name.localeCompare(b.name, 'zh-CN'));
  }, [compounds, filter]);
  const shown = sorted.slice(page * COMPOUND_PAGE, (page + 1) * COMPOUND_PAGE);
  return (
    <Stack gap="xs" component="section">
      <TitledTable
        title={t('eldercare.circle.compounds.title')}
        columns={[
          { label: t('eldercare.circle.compounds.name') },
          { label: t('eldercare.circle.figures.olderResidents') },
          { label: t('eldercare.circle.figures.withPosition') },
          { label: t('eldercare.circle.figures.covered') },
          { label: t('eldercare.circle.byService.share') },
          { label: t('eldercare.circle.compounds.onMap') },
          { label: t('common.actions'), width: 120 },
        ]}
        rows={shown}
        renderRow={(c) => (
          <Table.Tr key={c.id} data-testid={`coverage-compound-${c.id}`}>
            <Table.Td>{c.name}</Table.Td>
            <Table.Td>{num(c.older)}</Table.Td>
            <Table.Td>{num(c.withPosition)}</Table.Td>
            <Table.Td>{num(c.covered)}</Table.Td>
            <Table.Td>{formatShare(c.share)}</Table.Td>
            <Table.Td>{c.wgs84 ? t('eldercare.circle.compounds.drawn') : t('eldercare.circle.compounds.noPosition')}</Table.Td>
            <Table.Td>
              <Button size="xs" variant="light" onClick={() => onShow(c.id)} aria-label={t('eldercare.circle.compounds.showFor', { name: c.name })} data-testid="coverage-compound-show">
                {t('eldercare.circle.compounds.show')}
              </Button>
            </Table.Td>
          </Table.Tr>
        )}
        empty={t('eldercare.circle.compounds.empty')}
        minWidth={720}
        table={{ striped: true, highlightOnHover: true }}
        testId="coverage-compounds"
      >
        <TextInput
          label={t('eldercare.circle.compounds.filter')}
          value={filter}
          onChange={(e) => {
            setFilter(e.currentTarget.value);
            setPage(0);
          }}
          maw={320}
        />
      </TitledTable>
      <Pager page={page} pageSize={COMPOUND_PAGE} total={sorted.length} onPage={setPage} testId="coverage-compounds-pager" />
    </Stack>
  );
}

/** The nearest facility over the services listed: "幸福食堂 · 18.5 分钟（实测）". */
function Nearest({ item, services }: { item: CoverageListItem; services: ServiceNames }) {
  const { t } = useTranslation();
  let best: (CoverageListItem['nearest'][number] & { facility: NonNullable<CoverageListItem['nearest'][number]['facility']> }) | null = null;
  for (const n of item.nearest) if (n.facility && (!best || n.facility.minutes < best.facility.minutes)) best = { ...n, facility: n.facility };
  if (item.positionSource === null) return <>{t('eldercare.circle.list.noPosition')}</>;
  if (!best) return <>{t('eldercare.circle.list.noFacility')}</>;
  return (
    <>
      {t('eldercare.circle.list.nearest', {
        name: best.facility.name,
        service: services.name(best.service),
        minutes: (Math.round(best.facility.minutes * 10) / 10).toLocaleString('zh-CN'),
        meters: num(Math.round(best.facility.meters)),
      })}
      {best.facility.knownWalk && `（${t('eldercare.circle.list.knownWalk')}）`}
      {best.facility.planned && `（${t('eldercare.circle.list.planned')}）`}
    </>
  );
}

export function ResidentsList({
  list,
  kind,
  onKind,
  page,
  pageSize,
  onPage,
  counts,
  services,
  title,
  testId,
}: {
  list: CoverageOutput['list'];
  kind: 'uncovered' | 'unplaced';
  onKind?(kind: 'uncovered' | 'unplaced'): void;
  page: number;
  pageSize: number;
  onPage(page: number): void;
  counts?: { uncovered: number; unplaced: number };
  services: ServiceNames;
  title?: string;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" component="section">
      <TitledTable
        title={title ?? t(`eldercare.circle.list.${kind}`, { count: list.total })}
        order={title ? 4 : 3}
        columns={[
          { label: t('eldercare.circle.list.name') },
          { label: t('eldercare.circle.list.id') },
          { label: t('eldercare.circle.list.compound') },
          { label: t('eldercare.circle.list.grid') },
          { label: t('eldercare.circle.list.nearestTitle') },
        ]}
        rows={list.items}
        renderRow={(item) => (
          <Table.Tr key={item.person.residentId} data-testid={`${testId}-row`}>
            <Table.Td>
              <Anchor component={Link} to={`/residents/${item.person.residentId}`} size="sm">
                {item.person.name}
              </Anchor>
            </Table.Td>
            <Table.Td ff="monospace">{item.person.idMasked}</Table.Td>
            <Table.Td>{item.compound?.name ?? '—'}</Table.Td>
            <Table.Td>{item.grid?.name ?? '—'}</Table.Td>
            <Table.Td>
              <Nearest item={item} services={services} />
            </Table.Td>
          </Table.Tr>
        )}
        empty={t(`eldercare.circle.list.${kind}Empty`)}
        emptyTestId={`${testId}-empty`}
        minWidth={720}
        table={{ striped: true }}
        testId={testId}
      >
        {onKind && counts && (
          <SegmentedControl
            aria-label={t('eldercare.circle.list.which')}
            value={kind}
            onChange={(v) => onKind(v as 'uncovered' | 'unplaced')}
            data={[
              { value: 'uncovered', label: t('eldercare.circle.list.uncoveredTab', { count: counts.uncovered }) },
              { value: 'unplaced', label: t('eldercare.circle.list.unplacedTab', { count: counts.unplaced }) },
            ]}
            data-testid={`${testId}-kind`}
            w="fit-content"
          />
        )}
      </TitledTable>
      <Pager page={page} pageSize={pageSize} total={list.total} onPage={onPage} testId={`${testId}-pager`} />
    </Stack>
  );
}
