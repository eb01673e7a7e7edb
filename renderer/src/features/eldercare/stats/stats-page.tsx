/**
 * 统计: for any period, person-times (人次: one delivered service to one person) and people served,
 * by service, month, facility and grid, capacity use and assessments. Every figure is a button that
 * opens the records it counts; each chart has its table beside it (the chart's text equivalent).
 */
import '@mantine/charts/styles.css';
import { useState, type ReactNode } from 'react';
import { Alert, Box, Button, Loader, Paper, SimpleGrid, Stack, Table, Text, Title, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { BarChart } from '@mantine/charts';
import { useTranslation } from 'react-i18next';
import type { EldercareStats } from '../../../../../shared/contract';
import { useContractQuery } from '../../../app/api/queries';
import { ErrorText } from '../../../app/forms/contract-errors';
import { formatCount, todayIso, useServiceLabels } from '../orders/format';
import { DrillDrawer, type Drill } from './drill-drawer';
import { initialPeriod, PeriodPicker, periodLabel, periodRange, type PeriodState } from './period';

export function StatsPage() {
  const { t } = useTranslation();
  const today = todayIso();
  const [period, setPeriod] = useState<PeriodState>(() => initialPeriod(today));
  const range = periodRange(period);
  const ordered = range !== null && range.from <= range.to;
  const stats = useContractQuery('eldercare.stats', range ?? { from: today, to: today }, { enabled: ordered, placeholderData: (previous) => previous });
  const [drill, setDrill] = useState<Drill | null>(null);

  return (
    <Stack gap="lg" data-testid="eldercare-stats">
      <PeriodPicker value={period} onChange={setPeriod} today={today} error={range && !ordered ? t('validation.eldercare.period_order') : undefined} />
      {stats.isError && (
        <Alert color="red" role="alert">
          <ErrorText error={stats.error.error} />
        </Alert>
      )}
      {ordered && !stats.data && stats.isPending && <Loader size="sm" aria-label={t('app.loading')} />}
      {ordered && stats.data && range && (
        <>
          <Title order={3} size="h4" data-testid="stats-period-title">
            {periodLabel(t, period, range)}
          </Title>
          <Figures stats={stats.data} onDrill={setDrill} />
          <StatsBody stats={stats.data} onDrill={setDrill} />
          <DrillDrawer drill={drill} period={range} onClose={() => setDrill(null)} />
        </>
      )}
    </Stack>
  );
}

/** One headline figure: a button naming what it opens. */
function Figure({ label, value, onClick, testId }: { label: string; value: string; onClick?: () => void; testId: string }) {
  const { t } = useTranslation();
  const body = (
    // Spans shown as blocks: a button may hold phrasing content only.
    <Paper component="span" display="block" withBorder p="sm">
      <Text component="span" display="block" size="xs" c="dimmed">
        {label}
      </Text>
      <Text component="span" display="block" size="xl" fw={700} data-testid={`${testId}-value`}>
        {value}
      </Text>
    </Paper>
  );
  if (!onClick) return <Box data-testid={testId}>{body}</Box>;
  // The name is what it shows plus what it does (WCAG 2.5.3: the visible text stays part of the name).
  return (
    <UnstyledButton onClick={onClick} data-testid={testId}>
      {body}
      <VisuallyHidden>{t('eldercare.careUi.stats.figureDrill', { label })}</VisuallyHidden>
    </UnstyledButton>
  );
}

function Figures({ stats, onDrill }: { stats: EldercareStats; onDrill(d: Drill): void }) {
  const { t } = useTranslation();
  const orders = (label: string): Drill => ({ kind: 'orders', dimension: 'all', key: null, label });
  const assessments = (figure: 'done' | 'due' | 'overdue', label: string): Drill => ({ kind: 'assessments', figure, label });
  const personTimes = t('eldercare.stats.personTimes');
  const people = t('eldercare.stats.peopleServed');
  const done = `${t('eldercare.stats.assessments')} · ${t('eldercare.stats.assessmentsDone')}`;
  const due = `${t('eldercare.stats.assessments')} · ${t('eldercare.stats.assessmentsDue')}`;
  const overdue = `${t('eldercare.stats.assessments')} · ${t('eldercare.stats.assessmentsOverdue')}`;
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="sm">
      <Figure label={personTimes} value={formatCount(stats.personTimes)} onClick={() => onDrill(orders(personTimes))} testId="stats-person-times" />
      <Figure label={people} value={formatCount(stats.peopleServed)} onClick={() => onDrill(orders(people))} testId="stats-people" />
      <Figure label={done} value={formatCount(stats.assessments.done)} onClick={() => onDrill(assessments('done', done))} testId="stats-assessments-done" />
      <Figure label={due} value={formatCount(stats.assessments.due)} onClick={() => onDrill(assessments('due', due))} testId="stats-assessments-due" />
      <Figure label={overdue} value={formatCount(stats.assessments.overdue)} onClick={() => onDrill(assessments('overdue', overdue))} testId="stats-assessments-overdue" />
      {stats.coverageShare !== null && stats.coverageShare !== undefined && (
        <Figure label={t('eldercare.stats.coverageShare')} value={`${(stats.coverageShare * 100).toFixed(1)}%`} testId="stats-coverage" />
      )}
    </SimpleGrid>
  );
}

interface Row {
  key: string | null;
  label: string;
  personTimes: number;
  people: number;
}

function StatsBody({ stats, onDrill }: { stats: EldercareStats; onDrill(d: Drill): void }) {
  const { t } = useTranslation();
  const services = useServiceLabels();
  if (stats.personTimes === 0 && stats.capacity.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t('eldercare.careUi.stats.nothing')}
      </Text>
    );
  const byService: Row[] = stats.byService.map((r) => ({ key: r.code, label: services.label(r.code), personTimes: r.personTimes, people: r.people }));
  const byMonth: Row[] = stats.byMonth.map((r) => ({ key: r.month, label: r.month, personTimes: r.personTimes, people: r.people }));
  const byFacility: Row[] = stats.byFacility.map((r) => ({ key: r.facilityId, label: r.name ?? t('eldercare.stats.noFacility'), personTimes: r.personTimes, people: r.people }));
  const byGrid: Row[] = stats.byGrid.map((r) => ({ key: r.gridId, label: r.name ?? t('eldercare.stats.noGrid'), personTimes: r.personTimes, people: r.people }));
  const drill = (dimension: 'service' | 'month' | 'facility' | 'grid', title: string) => (row: Row) => onDrill({ kind: 'orders', dimension, key: row.key, label: `${title} · ${row.label}` });

  return (
    <Stack gap="xl">
      <Section title={t('eldercare.stats.byService')} id="stats-by-service">
        <Chart rows={byService} aria={t('eldercare.careUi.stats.chartService')} />
        <FigureTable rows={byService} onDrill={drill('service', t('eldercare.stats.byService'))} testId="stats-table-service" />
      </Section>
      <Section title={t('eldercare.stats.byMonth')} id="stats-by-month">
        <Chart rows={byMonth} aria={t('eldercare.careUi.stats.chartMonth')} />
        <FigureTable rows={byMonth} onDrill={drill('month', t('eldercare.stats.byMonth'))} testId="stats-table-month" />
      </Section>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="xl">
        <Section title={t('eldercare.stats.byFacility')} id="stats-by-facility">
          <FigureTable rows={byFacility} onDrill={drill('facility', t('eldercare.stats.byFacility'))} testId="stats-table-facility" />
        </Section>
        <Section title={t('eldercare.stats.byGrid')} id="stats-by-grid">
          <FigureTable rows={byGrid} onDrill={drill('grid', t('eldercare.stats.byGrid'))} testId="stats-table-grid" />
        </Section>
      </SimpleGrid>
      <Section title={t('eldercare.stats.capacity')} id="stats-capacity">
        <Table withTableBorder maw={900} data-testid="stats-table-capacity">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('eldercare.orders.facility')}</Table.Th>
              <Table.Th>{t('eldercare.stats.places')}</Table.Th>
              <Table.Th>{t('eldercare.stats.served')}</Table.Th>
              <Table.Th>{t('eldercare.stats.use')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {stats.capacity.map((c) => (
              <Table.Tr key={c.facilityId}>
                <Table.Td>{c.name}</Table.Td>
                <Table.Td>{formatCount(c.places)}</Table.Td>
                <Table.Td>
                  <DrillButton label={`${t('eldercare.stats.capacity')} · ${c.name}`} onClick={() => onDrill({ kind: 'orders', dimension: 'facility', key: c.facilityId, label: `${t('eldercare.stats.capacity')} · ${c.name}` })} value={formatCount(c.served)} />
                </Table.Td>
                <Table.Td>{c.use === null ? t('eldercare.careUi.stats.noUse') : t('eldercare.careUi.stats.usePercent', { value: (c.use * 100).toFixed(1) })}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Section>
    </Stack>
  );
}

function Section({ title, id, children }: { title: string; id: string; children: ReactNode }) {
  return (
    <Stack gap="xs" component="section" aria-labelledby={id}>
      <Title order={4} size="h5" id={id}>
        {title}
      </Title>
      {children}
    </Stack>
  );
}

/** A bar chart of person-times, described for screen readers; the table beside it holds the figures. */
function Chart({ rows, aria }: { rows: Row[]; aria: string }) {
  const { t } = useTranslation();
  if (rows.length === 0) return null;
  return (
    <Box role="img" aria-label={aria} maw={900}>
      <BarChart
        h={220}
        data={rows.map((r) => ({ label: r.label, personTimes: r.personTimes }))}
        dataKey="label"
        series={[{ name: 'personTimes', label: t('eldercare.stats.personTimes'), color: 'blue.6' }]}
        barChartProps={{ accessibilityLayer: false }}
        withTooltip={false}
      />
    </Box>
  );
}

function DrillButton({ label, onClick, value }: { label: string; onClick(): void; value: string }) {
  const { t } = useTranslation();
  return (
    <Button variant="subtle" size="compact-sm" onClick={onClick} aria-label={`${value}：${t('eldercare.careUi.stats.figureDrill', { label })}`} data-testid="stats-drill-button">
      {value}
    </Button>
  );
}

function FigureTable({ rows, onDrill, testId }: { rows: Row[]; onDrill(row: Row): void; testId: string }) {
  const { t } = useTranslation();
  return (
    <Table withTableBorder maw={900} data-testid={testId}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th />
          <Table.Th>{t('eldercare.stats.personTimes')}</Table.Th>
          <Table.Th>{t('eldercare.stats.peopleServed')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.key ?? 'none'} data-testid={`${testId}-row`}>
            <Table.Th scope="row" fw={400}>
              {r.label}
            </Table.Th>
            <Table.Td>
              <DrillButton label={r.label} onClick={() => onDrill(r)} value={formatCount(r.personTimes)} />
            </Table.Td>
            <Table.Td>{formatCount(r.people)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
