/**
 * How a compound's coverage share is drawn. Two cues, so it reads without colour (WCAG 1.4.1): the
 * filled wedge of the dot is the share itself (a "Harvey ball": empty = nobody covered, full = all),
 * and the colour is one of five classes from a colour-blind-safe diverging scale (ColorBrewer RdYlBu).
 * Every dot has a dark rim, so the pale middle class still stands out on the white map.
 */

export interface ShareClass {
  /** Lower bound, inclusive (0..1). */
  from: number;
  /** Upper bound, exclusive (the last class includes 1). */
  to: number;
  color: string;
}

export const SHARE_CLASSES: readonly ShareClass[] = [
  { from: 0, to: 0.2, color: '#d7191c' },
  { from: 0.2, to: 0.4, color: '#fdae61' },
  { from: 0.4, to: 0.6, color: '#ffffbf' },
  { from: 0.6, to: 0.8, color: '#abd9e9' },
  { from: 0.8, to: 1.0001, color: '#2c7bb6' },
];

/** Compounds with no older resident placed in them: a hollow grey ring. */
export const NO_SHARE_COLOR = '#9e9e9e';
export const RIM_COLOR = '#212121';
export const EMPTY_FILL = '#ffffff';

/** The class index of a share; -1 for none (nobody placed there). */
export function shareClass(share: number | null): number {
  if (share === null || Number.isNaN(share)) return -1;
  for (let i = 0; i < SHARE_CLASSES.length; i++) if (share < SHARE_CLASSES[i].to) return i;
  return SHARE_CLASSES.length - 1;
}

/** A share as the table and the legend show it: "62.5%"; "—" when there is none. */
export function formatShare(share: number | null | undefined): string {
  if (share === null || share === undefined || Number.isNaN(share)) return '—';
  return `${(share * 100).toLocaleString('zh-CN', { maximumFractionDigits: 1 })}%`;
}

/** Facility markers and circles. */
export const FACILITY_COLORS = {
  active: '#1b5e20',
  circleFill: 'rgba(46, 125, 50, 0.10)',
  circleStroke: 'rgba(46, 125, 50, 0.55)',
  planned: '#6a1b9a',
  plannedFill: 'rgba(106, 27, 154, 0.12)',
  closed: '#757575',
  selected: '#0d47a1',
  area: '#37474f',
} as const;
