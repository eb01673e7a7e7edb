/** The circle's figures as tables: the headline, the settings used, by service, by grid — each with the what-if's change beside it. */
import { Paper, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CoverageOutput, CoverageSettings } from '../../../../../shared/contract';
import { TitledTable } from '../../../app/components/titled-table';
import { formatShare } from './map/shading';
import type { ServiceNames } from './service-names';

export const num = (n: number) => n.toLocaleString('zh-CN');

/** "+8.5 个百分点" between two shares; null when either is missing or nothing changed. */
function useDelta() {
  const { t } = useTranslation();
  return (after: number | null | undefined, before: number | null | undefined): string | null => {
    if (after === null || after === undefined || before === null || before === undefined) return null;
    const points = Math.round((after - before) * 1000) / 10;
    if (points === 0) return t('eldercare.circle.figures.unchanged');
    return t('eldercare.circle.figures.delta', { points: `${points > 0 ? '+' : ''}${points.toLocaleString('zh-CN')}` });
  };
}

export function Headline({ figures, before, whatIf }: { figures: CoverageOutput; before: CoverageOutput | undefined; whatIf: boolean }) {
  const { t } = useTranslation();
  const delta = useDelta();
  const change = before ? delta(figures.coverageShare, before.coverageShare) : null;
  const cells = [
    ['olderResidents', num(figures.olderResidents), 'coverage-older'],
    ['withPosition', num(figures.withPosition), 'coverage-with-position'],
    ['covered', num(figures.covered), 'coverage-covered'],
    ['uncovered', num(figures.uncovered), 'coverage-uncovered'],
    ['unplaced', num(figures.unplaced), 'coverage-unplaced'],
  ] as const;
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="sm" component="section" aria-label={t('eldercare.circle.figures.title')}>
      <Paper withBorder p="sm">
        <Text size="xs" c="dimmed">
          {whatIf ? t('eldercare.circle.figures.shareWhatIf') : t('eldercare.circle.figures.share')}
        </Text>
        <Text size="xl" fw={700} data-testid="coverage-share">
          {formatShare(figures.coverageShare)}
        </Text>
        {before && (
          <Text size="xs" data-testid="coverage-share-before">
            {t('eldercare.circle.figures.before', { share: formatShare(before.coverageShare) })}
            {change && ` · ${change}`}
          </Text>
        )}
      </Paper>
      {cells.map(([key, value, testId]) => (
        <Paper withBorder p="sm" key={key}>
          <Text size="xs" c="dimmed">
            {t(`eldercare.circle.figures.${key}`)}
          </Text>
          <Text size="lg" fw={600} data-testid={testId}>
            {value}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}

export function SettingsUsed({ settings }: { settings: CoverageSettings }) {
  const { t } = useTranslation();
  return (
    <Text size="sm" data-testid="coverage-settings-used">
      {t('eldercare.circle.settingsUsed', {
        minutes: settings.minutes,
        speed: num(settings.walkingMetersPerMinute),
        detour: settings.detourFactor,
        days: settings.coverageMinDaysPerWeek,
        radius: num(Math.round(settings.radiusMeters)),
        asOf: settings.asOf,
      })}
    </Text>
  );
}

export function ServiceTable({ figures, before, services }: { figures: CoverageOutput; before: CoverageOutput | undefined; services: ServiceNames }) {
  const { t } = useTranslation();
  const delta = useDelta();
  const rows = Object.entries(figures.byService);
  return (
    <Stack gap="xs" component="section">
      <TitledTable
        title={t('eldercare.circle.byService.title')}
        columns={[
          { label: t('eldercare.circle.byService.service') },
          { label: t('eldercare.circle.byService.facilities') },
          { label: t('eldercare.circle.byService.covered') },
          { label: t('eldercare.circle.byService.share') },
          ...(before ? [{ label: t('eldercare.circle.byService.change') }] : []),
        ]}
        rows={rows}
        renderRow={([code, s]) => (
          <Table.Tr key={code} data-testid={`coverage-service-${code}`}>
            <Table.Td>{services.name(code)}</Table.Td>
            <Table.Td>{num(s.facilities)}</Table.Td>
            <Table.Td>{num(s.covered)}</Table.Td>
            <Table.Td>{formatShare(s.share)}</Table.Td>
            {before && <Table.Td>{delta(s.share, before.byService[code]?.share) ?? '—'}</Table.Td>}
          </Table.Tr>
        )}
        empty={t('eldercare.circle.byService.empty')}
        minWidth={480}
        table={{ striped: true }}
        testId="coverage-by-service"
      />
    </Stack>
  );
}

export function GridTable({ figures, before }: { figures: CoverageOutput; before: CoverageOutput | undefined }) {
  const { t } = useTranslation();
  const delta = useDelta();
  return (
    <Stack gap="xs" component="section">
      <TitledTable
        title={t('eldercare.circle.byGrid.title')}
        columns={[
          { label: t('eldercare.circle.byGrid.grid') },
          { label: t('eldercare.circle.figures.olderResidents') },
          { label: t('eldercare.circle.figures.withPosition') },
          { label: t('eldercare.circle.figures.covered') },
          { label: t('eldercare.circle.byService.share') },
          ...(before ? [{ label: t('eldercare.circle.byService.change') }] : []),
        ]}
        rows={figures.byGrid}
        renderRow={(g) => (
          <Table.Tr key={g.gridId ?? 'none'} data-testid={`coverage-grid-${g.gridId ?? 'none'}`}>
            <Table.Td>{g.gridId === null ? t('eldercare.circle.byGrid.noGrid') : `${g.name ?? ''}${g.code ? `（${g.code}）` : ''}`}</Table.Td>
            <Table.Td>{num(g.olderResidents)}</Table.Td>
            <Table.Td>{num(g.withPosition)}</Table.Td>
            <Table.Td>{num(g.covered)}</Table.Td>
            <Table.Td>{formatShare(g.share)}</Table.Td>
            {before && <Table.Td>{delta(g.share, before.byGrid.find((b) => b.gridId === g.gridId)?.share) ?? '—'}</Table.Td>}
          </Table.Tr>
        )}
        empty={t('eldercare.circle.byGrid.empty')}
        minWidth={560}
        table={{ striped: true }}
        testId="coverage-by-grid"
      />
    </Stack>
  );
}
