/**
 * A position as clerks copy it from online maps: longitude, latitude and the coordinate system they
 * came in, chosen explicitly (Amap and Tencent give GCJ-02, Baidu BD-09, a GPS survey WGS-84 — the
 * same numbers are hundreds of metres apart between them). A pasted "lng,lat" pair is split into
 * the two fields; a "lat,lng" pair (Tencent's picker) is recognised in China, where the two ranges
 * do not overlap, and put the right way round.
 */
import { useState, type ReactNode } from 'react';
import { Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { COORDINATE_SYSTEMS, type CoordinateSystem } from '../../../../../shared/domain/eldercare/positions';
import type { PositionInput as PositionValue } from '../../../../../shared/contract/eldercare/common';
import type { ContractIssue } from '../../../../../shared/contract';

export interface PositionFields {
  lng: string;
  lat: string;
  crs: CoordinateSystem;
}

export const EMPTY_POSITION: PositionFields = { lng: '', lat: '', crs: 'gcj02' };

export function positionFields(stored: { lng: number; lat: number; crs: CoordinateSystem } | null | undefined): PositionFields {
  return stored ? { lng: String(stored.lng), lat: String(stored.lat), crs: stored.crs } : EMPTY_POSITION;
}

const NUMBER = /^-?\d+(?:\.\d+)?$/;
const PAIR = /^\s*(-?\d+(?:\.\d+)?)\s*[,，;；\s]\s*(-?\d+(?:\.\d+)?)\s*$/;

/** A pasted pair as longitude and latitude, or null when the text is not a pair. */
export function splitPair(text: string): { lng: string; lat: string; swapped: boolean } | null {
  const match = PAIR.exec(text.normalize('NFKC'));
  if (!match) return null;
  const [a, b] = [match[1], match[2]];
  // Latitudes in China are 3–54, longitudes 73–136: a first number in the one and a second in the other is "lat,lng".
  const swapped = Number(a) >= 3 && Number(a) <= 54 && Number(b) >= 73 && Number(b) <= 136;
  return swapped ? { lng: b, lat: a, swapped } : { lng: a, lat: b, swapped };
}

type Problem = Pick<ContractIssue, 'code' | 'path' | 'params'>;

/**
 * The fields as a contract position: null when both are empty, or the issues to show (a half-typed
 * or non-numeric point). The contract's schema then checks the range (inside China).
 */
export function readPosition(fields: PositionFields, at: (string | number)[]): { position: PositionValue | null; problems: Problem[] } {
  const lng = fields.lng.trim();
  const lat = fields.lat.trim();
  if (lng === '' && lat === '') return { position: null, problems: [] };
  const problems: Problem[] = [];
  if (lng === '' || lat === '') {
    problems.push({ code: 'eldercare.import_position_half', path: [...at, lng === '' ? 'lng' : 'lat'], params: {} });
  }
  if (lng !== '' && !NUMBER.test(lng)) problems.push({ code: 'eldercare.import_coordinate', path: [...at, 'lng'], params: {} });
  if (lat !== '' && !NUMBER.test(lat)) problems.push({ code: 'eldercare.import_coordinate', path: [...at, 'lat'], params: {} });
  if (problems.length) return { position: null, problems };
  return { position: { lng: Number(lng), lat: Number(lat), crs: fields.crs }, problems: [] };
}

export function PositionInput({
  value,
  onChange,
  errors = {},
  readOnly = false,
  testId,
}: {
  value: PositionFields;
  onChange: (value: PositionFields) => void;
  errors?: { lng?: ReactNode; lat?: ReactNode; crs?: ReactNode };
  readOnly?: boolean;
  testId: string;
}) {
  const { t } = useTranslation();
  const [swapped, setSwapped] = useState(false);
  const type = (field: 'lng' | 'lat', text: string) => {
    const pair = splitPair(text);
    if (pair) {
      setSwapped(pair.swapped);
      onChange({ ...value, lng: pair.lng, lat: pair.lat });
    } else {
      onChange({ ...value, [field]: text.trim() });
    }
  };
  return (
    <Stack gap={4} role="group" aria-label={t('eldercare.facilitiesUi.position.label')} data-testid={testId}>
      <Group gap="xs" align="flex-start" wrap="wrap">
        <NativeSelect
          label={t('eldercare.facilitiesUi.position.crs')}
          value={value.crs}
          disabled={readOnly}
          data={COORDINATE_SYSTEMS.map((crs) => ({ value: crs, label: t(`eldercare.crs.${crs}`) }))}
          onChange={(e) => onChange({ ...value, crs: e.currentTarget.value as CoordinateSystem })}
          error={errors.crs}
          data-testid={`${testId}-crs`}
        />
        <TextInput
          label={t('eldercare.facilitiesUi.position.lng')}
          inputMode="decimal"
          w={170}
          value={value.lng}
          readOnly={readOnly}
          placeholder="106.3846"
          onChange={(e) => type('lng', e.currentTarget.value)}
          error={errors.lng}
          data-testid={`${testId}-lng`}
        />
        <TextInput
          label={t('eldercare.facilitiesUi.position.lat')}
          inputMode="decimal"
          w={170}
          value={value.lat}
          readOnly={readOnly}
          placeholder="39.0133"
          onChange={(e) => type('lat', e.currentTarget.value)}
          error={errors.lat}
          data-testid={`${testId}-lat`}
        />
      </Group>
      {!readOnly && (
        <Text size="xs" c="dimmed">
          {swapped ? t('eldercare.facilitiesUi.position.swapped') : t('eldercare.facilitiesUi.position.hint')}
        </Text>
      )}
    </Stack>
  );
}

/** A stored point shown back in the system it came in, with its WGS-84 form for reference. */
export function PositionText({ position }: { position: { lng: number; lat: number; crs: CoordinateSystem; wgs84: { lng: number; lat: number } } | null }) {
  const { t } = useTranslation();
  if (!position) return <>{t('eldercare.facilitiesUi.position.none')}</>;
  return (
    <span data-testid="position-text">
      {`${position.lng}, ${position.lat}`} <Text span size="sm" c="dimmed">{t('eldercare.facilitiesUi.position.inCrs', { crs: t(`eldercare.crs.${position.crs}`) })}</Text>
      {position.crs !== 'wgs84' && (
        <Text span size="xs" c="dimmed" display="block">
          {t('eldercare.facilitiesUi.position.asWgs84', { longitude: position.wgs84.lng, latitude: position.wgs84.lat })}
        </Text>
      )}
    </span>
  );
}
