/**
 * One frame of the offline map on a 2D canvas. Called from requestAnimationFrame only; it reads the
 * scene and the view and touches nothing else (React does not re-render per frame). The compounds
 * come from a pre-drawn picture (DotLayer) that a pan only moves, so a frame costs a few fills and
 * one image whatever the number of compounds.
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
  dpr: number;
  /** The compounds' picture (null: draw them directly). */
  layer: DotLayer | null;
  /** The view has rested: a stretched picture is drawn again. */
  sharp: boolean;
  /** The page's font family (the bundled CJK font: the canvas's own sans-serif may have no Chinese glyphs). */
  fontFamily: string;
}

/** Draws one frame; true when the compounds were stretched (a zoom in progress) and want a sharp frame later. */
export function drawMap(ctx: CanvasRenderingContext2D, scene: Scene, view: View, size: Size, options: DrawOptions): boolean {
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

  const stretched = blitCompounds(ctx, options.layer, scene, view, size, options.dpr, options.sharp);
  selectionRing(ctx, scene, ox, oy, s);
  drawFacilities(ctx, scene, ox, oy, s);

  // Grid names over everything else, where they fall on screen.
  if (scene.areas.length > 0) {
    ctx.font = `12px ${options.fontFamily || 'sans-serif'}`;
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
  return stretched;
}

/** Shares are drawn in sixteenths: a wedge step of 22.5° on a dot a few pixels wide. */
const STEPS = 16;

/** The wedge step of a share: never "none" for some, never "all" for not quite all. */
function step(share: number): number {
  if (share <= 0) return 0;
  if (share >= 1) return STEPS;
  return Math.min(STEPS - 1, Math.max(1, Math.round(share * STEPS)));
}

interface Sprites {
  /** [class][step]: a white disc with a dark rim and the class's wedge. */
  balls: HTMLCanvasElement[][];
  /** A grey ring: nobody older is placed there. */
  none: HTMLCanvasElement;
  /** CSS pixels each sprite covers (square). */
  size: number;
}

const spriteCache = new Map<string, Sprites>();

/**
 * Each (class, step) dot drawn once into a small canvas: 5,000 drawImage calls are cheap where 5,000
 * wedge sub-paths in one path are not (a software canvas fills concave sub-paths slowly: 300 ms).
 */
function spritesFor(r: number, dpr: number): Sprites | null {
  const key = `${r.toFixed(1)}:${dpr}`;
  const cached = spriteCache.get(key);
  if (cached) return cached;
  const size = Math.ceil(2 * r + 3);
  const make = (paint: (c: CanvasRenderingContext2D, m: number) => void): HTMLCanvasElement | null => {
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(size * dpr);
    canvas.height = Math.ceil(size * dpr);
    const c = canvas.getContext('2d');
    if (!c) return null;
    c.setTransform(dpr, 0, 0, dpr, 0, 0);
    paint(c, size / 2);
    return canvas;
  };
  const balls: HTMLCanvasElement[][] = [];
  for (let k = 0; k < SHARE_CLASSES.length; k++) {
    const row: HTMLCanvasElement[] = [];
    for (let q = 0; q <= STEPS; q++) {
      const sprite = make((c, m) => {
        c.beginPath();
        c.arc(m, m, r, 0, TAU);
        c.fillStyle = q === STEPS ? SHARE_CLASSES[k].color : EMPTY_FILL;
        c.fill();
        if (q > 0 && q < STEPS) {
          c.beginPath();
          c.moveTo(m, m);
          c.arc(m, m, r, TOP, TOP + (q / STEPS) * TAU);
          c.closePath();
          c.fillStyle = SHARE_CLASSES[k].color;
          c.fill();
          c.lineWidth = 0.75;
          c.strokeStyle = RIM_COLOR;
          c.stroke();
        }
        c.beginPath();
        c.arc(m, m, r, 0, TAU);
        c.lineWidth = 1;
        c.strokeStyle = RIM_COLOR;
        c.stroke();
      });
      if (!sprite) return null;
      row.push(sprite);
    }
    balls.push(row);
  }
  const none = make((c, m) => {
    c.beginPath();
    c.arc(m, m, r - 1, 0, TAU);
    c.lineWidth = 1.5;
    c.strokeStyle = NO_SHARE_COLOR;
    c.stroke();
  });
  if (!none) return null;
  const sprites = { balls, none, size };
  if (spriteCache.size > 64) spriteCache.clear();
  spriteCache.set(key, sprites);
  return sprites;
}

/** Every compound inside (width × height) with the world's origin at screen (ox, oy). */
function drawCompounds(ctx: CanvasRenderingContext2D, scene: Scene, ox: number, oy: number, s: number, size: Size, dpr: number): void {
  const c = scene.compounds;
  const r = Math.round(dotRadius(s) * 2) / 2;
  const sprites = spritesFor(r, dpr);
  if (!sprites) return;
  const half = sprites.size / 2;
  for (let i = 0; i < c.xs.length; i++) {
    const x = ox + c.xs[i] * s;
    const y = oy - c.ys[i] * s;
    if (x < -half || x > size.width + half || y < -half || y > size.height + half) continue;
    const k = c.classes[i];
    ctx.drawImage(k < 0 ? sprites.none : sprites.balls[k][step(c.shares[i])], x - half, y - half, sprites.size, sprites.size);
  }
}

/**
 * The compounds pre-drawn round the view (twice its size each way): panning only moves this picture,
 * zooming stretches it until the view rests (then it is drawn again, sharp). 5,000 dots are drawn
 * once per rest, not once per frame.
 */
export interface DotLayer {
  canvas: HTMLCanvasElement;
  scene: Scene | null;
  /** The view it was drawn for, and its size in CSS pixels. */
  scale: number;
  cx: number;
  cy: number;
  width: number;
  height: number;
}

export function createDotLayer(): DotLayer | null {
  if (typeof document === 'undefined') return null;
  return { canvas: document.createElement('canvas'), scene: null, scale: 0, cx: 0, cy: 0, width: 0, height: 0 };
}

function renderLayer(layer: DotLayer, scene: Scene, view: View, size: Size, dpr: number): boolean {
  const width = size.width * 2;
  const height = size.height * 2;
  const w = Math.ceil(width * dpr);
  const h = Math.ceil(height * dpr);
  if (layer.canvas.width !== w) layer.canvas.width = w;
  if (layer.canvas.height !== h) layer.canvas.height = h;
  const ctx = layer.canvas.getContext('2d');
  if (!ctx) return false;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, width, height);
  drawCompounds(ctx, scene, width / 2 - view.cx * view.scale, height / 2 + view.cy * view.scale, view.scale, { width, height }, dpr);
  Object.assign(layer, { scene, scale: view.scale, cx: view.cx, cy: view.cy, width, height });
  return true;
}

/** Draw the compounds from the layer; true when it was stretched (zooming) and should be drawn again once the view rests. */
function blitCompounds(ctx: CanvasRenderingContext2D, layer: DotLayer | null, scene: Scene, view: View, size: Size, dpr: number, sharp: boolean): boolean {
  const s = view.scale;
  if (!layer) {
    drawCompounds(ctx, scene, size.width / 2 - view.cx * s, size.height / 2 + view.cy * s, s, size, dpr);
    return false;
  }
  const place = () => {
    const k = s / layer.scale;
    const w = layer.width * k;
    const h = layer.height * k;
    const x = size.width / 2 + (layer.cx - view.cx) * s - w / 2;
    const y = size.height / 2 - (layer.cy - view.cy) * s - h / 2;
    return { x, y, w, h, covers: x <= 0 && y <= 0 && x + w >= size.width && y + h >= size.height };
  };
  const current = layer.scene === scene && layer.scale > 0;
  let p = current ? place() : null;
  const stretched = p !== null && layer.scale !== s;
  if (!p || !p.covers || (stretched && sharp)) {
    if (!renderLayer(layer, scene, view, size, dpr)) return false;
    p = place();
  }
  ctx.drawImage(layer.canvas, p.x, p.y, p.w, p.h);
  return layer.scale !== s;
}

function selectionRing(ctx: CanvasRenderingContext2D, scene: Scene, ox: number, oy: number, s: number): void {
  const selected = scene.selected;
  if (selected?.kind !== 'compound') return;
  const c = scene.compounds;
  const i = c.ids.indexOf(selected.id);
  if (i >= 0) ring(ctx, ox + c.xs[i] * s, oy - c.ys[i] * s, dotRadius(s) + 4);
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
