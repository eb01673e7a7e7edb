/**
 * One frame of the offline map on a 2D canvas. Called from requestAnimationFrame only; it reads the
 * scene and the view and touches nothing else (React does not re-render per frame). Compounds are
 * batched into one path per colour class, so 5,000 dots are a handful of fill calls.
 */
import type { Scene } from './scene';
import { toScreen, type Size, type View } from './projection';
import { EMPTY_FILL, FACILITY_COLORS, NO_SHARE_COLOR, RIM_COLOR, SHARE_CLASSES } from './shading';

const TAU = Math.PI * 2;
const TOP = -Math.PI / 2;

/** Dot radius in pixels: small for a whole district, larger when zoomed into a few streets. */
export function dotRadius(scale: number): number {
  return Math.min(8, Math.max(3.5, 2 + 2 * Math.log10(Math.max(scale, 1e-6) * 100)));
}

export interface DrawOptions {
  /** Draw the keyboard's crosshair at the centre (the map has focus). */
  crosshair: boolean;
}

export function drawMap(ctx: CanvasRenderingContext2D, scene: Scene, view: View, size: Size, options: DrawOptions): void {
  const { width, height } = size;
  ctx.fillStyle = '#f6f5f1';
  ctx.fillRect(0, 0, width, height);
  const ox = width / 2 - view.cx * view.scale;
  const oy = height / 2 + view.cy * view.scale;
  const s = view.scale;

  // Grid boundaries: dashed outlines, very light fill.
  if (scene.areas.length > 0) {
    ctx.save();
    ctx.lineWidth = 1.5;
    ctx.setLineDash([6, 4]);
    ctx.strokeStyle = FACILITY_COLORS.area;
    ctx.fillStyle = 'rgba(55, 71, 79, 0.04)';
    ctx.beginPath();
    for (const area of scene.areas) {
      for (const ring of area.rings) {
        for (let i = 0; i < ring.length; i += 2) {
          const x = ox + ring[i] * s;
          const y = oy - ring[i + 1] * s;
          if (i === 0) ctx.moveTo(x, y);
          else ctx.lineTo(x, y);
        }
        ctx.closePath();
      }
    }
    ctx.fill('evenodd');
    ctx.stroke();
    ctx.restore();
  }

  // Walking circles of the facilities that reach (one path, one fill, one stroke).
  const radius = scene.radiusMeters * s;
  const circles = (state: 'reach' | 'whatIf') => {
    ctx.beginPath();
    for (const f of scene.facilities) {
      if (!f.reaches || (state === 'whatIf') !== (f.state === 'whatIf')) continue;
      const x = ox + f.x * s;
      const y = oy - f.y * s;
      if (x + radius < 0 || x - radius > width || y + radius < 0 || y - radius > height) continue;
      ctx.moveTo(x + radius, y);
      ctx.arc(x, y, radius, 0, TAU);
    }
  };
  ctx.lineWidth = 1;
  circles('reach');
  ctx.fillStyle = FACILITY_COLORS.circleFill;
  ctx.fill('nonzero');
  ctx.strokeStyle = FACILITY_COLORS.circleStroke;
  ctx.stroke();
  circles('whatIf');
  ctx.fillStyle = FACILITY_COLORS.plannedFill;
  ctx.fill('nonzero');
  ctx.save();
  ctx.setLineDash([5, 4]);
  ctx.strokeStyle = FACILITY_COLORS.planned;
  ctx.stroke();
  ctx.restore();

  drawCompounds(ctx, scene, ox, oy, s, size);
  drawFacilities(ctx, scene, ox, oy, s);

  // Grid names over everything else, where they fall on screen.
  if (scene.areas.length > 0) {
    ctx.font = '12px sans-serif';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.lineWidth = 3;
    ctx.strokeStyle = 'rgba(255,255,255,0.9)';
    ctx.fillStyle = FACILITY_COLORS.area;
    for (const area of scene.areas) {
      const x = ox + area.labelX * s;
      const y = oy - area.labelY * s;
      if (x < -100 || x > width + 100 || y < -20 || y > height + 20) continue;
      ctx.strokeText(area.name, x, y);
      ctx.fillText(area.name, x, y);
    }
  }

  if (options.crosshair) {
    ctx.strokeStyle = FACILITY_COLORS.selected;
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.moveTo(width / 2 - 12, height / 2);
    ctx.lineTo(width / 2 - 4, height / 2);
    ctx.moveTo(width / 2 + 4, height / 2);
    ctx.lineTo(width / 2 + 12, height / 2);
    ctx.moveTo(width / 2, height / 2 - 12);
    ctx.lineTo(width / 2, height / 2 - 4);
    ctx.moveTo(width / 2, height / 2 + 4);
    ctx.lineTo(width / 2, height / 2 + 12);
    ctx.stroke();
  }
}

function drawCompounds(ctx: CanvasRenderingContext2D, scene: Scene, ox: number, oy: number, s: number, size: Size): void {
  const c = scene.compounds;
  const n = c.xs.length;
  const r = dotRadius(s);
  const visible = new Uint8Array(n);
  // Background discs (the empty part of each ball), and the grey rings of compounds with no share.
  ctx.beginPath();
  for (let i = 0; i < n; i++) {
    const x = ox + c.xs[i] * s;
    const y = oy - c.ys[i] * s;
    if (x < -r || x > size.width + r || y < -r || y > size.height + r) continue;
    visible[i] = 1;
    if (c.classes[i] < 0) continue;
    ctx.moveTo(x + r, y);
    ctx.arc(x, y, r, 0, TAU);
  }
  ctx.fillStyle = EMPTY_FILL;
  ctx.fill();
  ctx.lineWidth = 1;
  ctx.strokeStyle = RIM_COLOR;
  ctx.stroke();
  // The covered share as a wedge from twelve o'clock, one path per colour class.
  for (let k = 0; k < SHARE_CLASSES.length; k++) {
    ctx.beginPath();
    let any = false;
    for (let i = 0; i < n; i++) {
      if (!visible[i] || c.classes[i] !== k) continue;
      const share = c.shares[i];
      if (share <= 0) continue;
      const x = ox + c.xs[i] * s;
      const y = oy - c.ys[i] * s;
      any = true;
      if (share >= 1) {
        ctx.moveTo(x + r, y);
        ctx.arc(x, y, r, 0, TAU);
      } else {
        ctx.moveTo(x, y);
        ctx.arc(x, y, r, TOP, TOP + share * TAU);
        ctx.closePath();
      }
    }
    if (!any) continue;
    ctx.fillStyle = SHARE_CLASSES[k].color;
    ctx.fill();
    ctx.strokeStyle = RIM_COLOR;
    ctx.lineWidth = 0.75;
    ctx.stroke();
  }
  // Compounds where nobody older is placed: a grey ring only.
  ctx.beginPath();
  for (let i = 0; i < n; i++) {
    if (!visible[i] || c.classes[i] >= 0) continue;
    const x = ox + c.xs[i] * s;
    const y = oy - c.ys[i] * s;
    ctx.moveTo(x + r - 1, y);
    ctx.arc(x, y, r - 1, 0, TAU);
  }
  ctx.strokeStyle = NO_SHARE_COLOR;
  ctx.lineWidth = 1.5;
  ctx.stroke();

  const selected = scene.selected;
  if (selected?.kind === 'compound') {
    const i = c.ids.indexOf(selected.id);
    if (i >= 0) ring(ctx, ox + c.xs[i] * s, oy - c.ys[i] * s, r + 4);
  }
}

function ring(ctx: CanvasRenderingContext2D, x: number, y: number, r: number): void {
  ctx.beginPath();
  ctx.arc(x, y, r, 0, TAU);
  ctx.lineWidth = 3;
  ctx.strokeStyle = '#ffffff';
  ctx.stroke();
  ctx.lineWidth = 2;
  ctx.strokeStyle = FACILITY_COLORS.selected;
  ctx.stroke();
}

/** Markers by shape as well as colour: square (in service), hollow square (planned, saved), diamond (the what-if's), square with a cross (closed). */
function drawFacilities(ctx: CanvasRenderingContext2D, scene: Scene, ox: number, oy: number, s: number): void {
  const h = 6;
  for (const f of scene.facilities) {
    const x = ox + f.x * s;
    const y = oy - f.y * s;
    ctx.lineWidth = 2;
    ctx.beginPath();
    if (f.state === 'whatIf') {
      ctx.moveTo(x, y - h - 2);
      ctx.lineTo(x + h + 2, y);
      ctx.lineTo(x, y + h + 2);
      ctx.lineTo(x - h - 2, y);
      ctx.closePath();
      ctx.fillStyle = FACILITY_COLORS.planned;
      ctx.fill();
      ctx.strokeStyle = '#ffffff';
      ctx.stroke();
    } else {
      ctx.rect(x - h, y - h, 2 * h, 2 * h);
      const color = f.state === 'active' || f.state === 'inactive' ? FACILITY_COLORS.active : f.state === 'planned' ? FACILITY_COLORS.planned : FACILITY_COLORS.closed;
      if (f.state === 'planned') {
        ctx.fillStyle = '#ffffff';
        ctx.fill();
        ctx.strokeStyle = color;
        ctx.stroke();
      } else {
        ctx.fillStyle = color;
        ctx.fill();
        ctx.strokeStyle = '#ffffff';
        ctx.stroke();
      }
      if (f.state === 'closed') {
        ctx.beginPath();
        ctx.moveTo(x - h + 2, y - h + 2);
        ctx.lineTo(x + h - 2, y + h - 2);
        ctx.moveTo(x + h - 2, y - h + 2);
        ctx.lineTo(x - h + 2, y + h - 2);
        ctx.strokeStyle = '#ffffff';
        ctx.stroke();
      }
    }
    if (scene.selected?.kind === 'facility' && scene.selected.id === f.id) ring(ctx, x, y, h + 6);
  }
}

/** What is under a screen point: a facility marker first (they are few and on top), else the nearest compound dot. */
export function hitTest(scene: Scene, view: View, size: Size, sx: number, sy: number, tolerance = 4): { kind: 'compound' | 'facility'; id: string } | null {
  let best: { kind: 'compound' | 'facility'; id: string } | null = null;
  let bestD = (10 + tolerance) ** 2;
  for (const f of scene.facilities) {
    const p = toScreen(view, size, f.x, f.y);
    const d = (p.sx - sx) ** 2 + (p.sy - sy) ** 2;
    if (d <= bestD) {
      bestD = d;
      best = { kind: 'facility', id: f.id };
    }
  }
  if (best) return best;
  const c = scene.compounds;
  bestD = (dotRadius(view.scale) + tolerance) ** 2;
  for (let i = 0; i < c.xs.length; i++) {
    const p = toScreen(view, size, c.xs[i], c.ys[i]);
    const d = (p.sx - sx) ** 2 + (p.sy - sy) ** 2;
    if (d <= bestD) {
      bestD = d;
      best = { kind: 'compound', id: c.ids[i] };
    }
  }
  return best;
}
