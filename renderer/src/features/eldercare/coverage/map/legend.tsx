/** The map's legend: each class's colour AND its wedge (the share itself), and the markers by shape, so nothing depends on colour alone. */
import { Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { FACILITY_COLORS, NO_SHARE_COLOR, RIM_COLOR, SHARE_CLASSES } from './shading';

function Ball({ share, color }: { share: number; color: string }) {
  const r = 7;
  const a = -Math.PI / 2 + share * 2 * Math.PI;
  const large = share > 0.5 ? 1 : 0;
  const wedge = share >= 1 ? null : `M8,8 L8,1 A${r},${r} 0 ${large} 1 ${8 + r * Math.cos(a)},${8 + r * Math.sin(a)} Z`;
  return (
    <svg width={16} height={16} aria-hidden>
      <circle cx={8} cy={8} r={r} fill="#fff" stroke={RIM_COLOR} />
      {share >= 1 ? <circle cx={8} cy={8} r={r} fill={color} stroke={RIM_COLOR} /> : share > 0 && <path d={wedge!} fill={color} stroke={RIM_COLOR} strokeWidth={0.75} />}
    </svg>
  );
}

function Marker({ kind }: { kind: 'active' | 'planned' | 'whatIf' | 'closed' | 'circle' | 'area' | 'none' }) {
  return (
    <svg width={18} height={16} aria-hidden>
      {kind === 'active' && <rect x={3} y={2} width={12} height={12} fill={FACILITY_COLORS.active} stroke="#fff" strokeWidth={2} />}
      {kind === 'planned' && <rect x={3} y={2} width={12} height={12} fill="#fff" stroke={FACILITY_COLORS.planned} strokeWidth={2} />}
      {kind === 'whatIf' && <path d="M9,0 L17,8 L9,16 L1,8 Z" fill={FACILITY_COLORS.planned} stroke="#fff" strokeWidth={1.5} />}
      {kind === 'closed' && (
        <>
          <rect x={3} y={2} width={12} height={12} fill={FACILITY_COLORS.closed} />
          <path d="M5,4 L13,12 M13,4 L5,12" stroke="#fff" strokeWidth={2} />
        </>
      )}
      {kind === 'circle' && <circle cx={9} cy={8} r={7} fill={FACILITY_COLORS.circleFill} stroke={FACILITY_COLORS.circleStroke} />}
      {kind === 'area' && <path d="M1,8 L17,8" stroke={FACILITY_COLORS.area} strokeWidth={1.5} strokeDasharray="4 3" />}
      {kind === 'none' && <circle cx={9} cy={8} r={6} fill="none" stroke={NO_SHARE_COLOR} strokeWidth={1.5} />}
    </svg>
  );
}

export function MapLegend() {
  const { t } = useTranslation();
  const pct = (n: number) => `${Math.round(n * 100)}%`;
  return (
    <Group gap="md" mt="xs" component="section" aria-label={t('eldercare.circle.legend.title')} data-testid="coverage-legend" wrap="wrap">
      <Text size="xs" fw={600}>
        {t('eldercare.circle.legend.share')}
      </Text>
      {SHARE_CLASSES.map((c, i) => (
        <Group gap={4} key={c.color}>
          <Ball share={i === SHARE_CLASSES.length - 1 ? 0.9 : (c.from + c.to) / 2} color={c.color} />
          <Text size="xs">{i === SHARE_CLASSES.length - 1 ? `${pct(c.from)}–100%` : `${pct(c.from)}–${pct(c.to)}`}</Text>
        </Group>
      ))}
      <Group gap={4}>
        <Marker kind="none" />
        <Text size="xs">{t('eldercare.circle.legend.noShare')}</Text>
      </Group>
      <Text size="xs" c="dimmed">
        {t('eldercare.circle.legend.wedge')}
      </Text>
      {(['active', 'planned', 'whatIf', 'closed', 'circle', 'area'] as const).map((kind) => (
        <Group gap={4} key={kind}>
          <Marker kind={kind} />
          <Text size="xs">{t(`eldercare.circle.legend.${kind}`)}</Text>
        </Group>
      ))}
    </Group>
  );
}
