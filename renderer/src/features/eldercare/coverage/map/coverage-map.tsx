/**
 * The offline map (no tiles, no network): the office's compounds, facilities and grid boundaries on
 * a canvas. Pan by dragging or with the arrow keys, zoom with the wheel, the +/− buttons or keys.
 * The view lives in a ref and every change only asks for the next animation frame: React renders
 * this component when the data or the what-if change, never per frame.
 *
 * Keyboard: the map is one focusable region; a crosshair marks its centre, Enter picks what is
 * under it (or places the planned facility), and the line under the map says which compound the
 * crosshair is on. The table below the map holds the same figures.
 */
import { useCallback, useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { ActionIcon, Box, Group, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Scene } from './scene';
import { createDotLayer, drawMap, hitTest, type DotLayer } from './draw';
import { fitView, scaleBar, scaleLabel, toWorld, zoomAt, type Size, type View } from './projection';
import { formatShare } from './shading';

export type MapHit = { kind: 'compound' | 'facility'; id: string };

export interface CoverageMapProps {
  scene: Scene;
  height?: number;
  /** Clicks (and Enter) place a planned facility instead of picking. */
  placing: boolean;
  onPick(hit: MapHit): void;
  onPlace(point: { lng: number; lat: number }): void;
  onCancelPlacing(): void;
}

interface Drag {
  pointerId: number;
  x: number;
  y: number;
  moved: number;
  start: View;
}

const ZOOM_STEP = 1.5;
const raf = (cb: FrameRequestCallback): number =>
  typeof window.requestAnimationFrame === 'function' ? window.requestAnimationFrame(cb) : window.setTimeout(() => cb(performance.now()), 16);
const cancelRaf = (id: number) => (typeof window.cancelAnimationFrame === 'function' ? window.cancelAnimationFrame(id) : window.clearTimeout(id));

export function CoverageMap({ scene, height = 520, placing, onPick, onPlace, onCancelPlacing }: CoverageMapProps) {
  const { t } = useTranslation();
  const instructionsId = useId();
  const regionRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const barRef = useRef<HTMLDivElement>(null);
  const barLabelRef = useRef<HTMLSpanElement>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  // Everything the frame reads, mutable without a render.
  const live = useRef({
    scene,
    view: null as View | null,
    size: { width: 640, height } as Size,
    projection: null as Scene['projection'] | null,
    crosshair: false,
    frame: 0,
    drag: null as Drag | null,
    ctx: null as CanvasRenderingContext2D | null,
    /** The view is the fitted one (nobody has panned or zoomed since): it fits again when the size changes. */
    fitted: true,
    layer: null as DotLayer | null,
    /** The next frame redraws a stretched picture of the compounds (the zoom has rested). */
    sharp: false,
    refine: 0,
    fontFamily: '',
  });
  const handlers = useRef({ onPick, onPlace, onCancelPlacing, placing, t });
  useLayoutEffect(() => {
    handlers.current = { onPick, onPlace, onCancelPlacing, placing, t };
  });

  const paint = useCallback(() => {
    const st = live.current;
    st.frame = 0;
    const canvas = canvasRef.current;
    if (!canvas || !st.view) return;
    const dpr = window.devicePixelRatio || 1;
    const w = Math.round(st.size.width * dpr);
    const h = Math.round(st.size.height * dpr);
    if (canvas.width !== w) canvas.width = w;
    if (canvas.height !== h) canvas.height = h;
    st.ctx ??= canvas.getContext('2d');
    if (st.ctx) {
      st.fontFamily ||= getComputedStyle(canvas).fontFamily;
      st.layer ??= createDotLayer();
      st.ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      const stretched = drawMap(st.ctx, st.scene, st.view, st.size, { crosshair: st.crosshair, dpr, layer: st.layer, sharp: st.sharp, fontFamily: st.fontFamily });
      st.sharp = false;
      if (stretched) {
        window.clearTimeout(st.refine);
        st.refine = window.setTimeout(() => {
          st.sharp = true;
          if (st.frame === 0) st.frame = raf(paint);
        }, 150);
      }
    }
    const bar = scaleBar(st.view.scale);
    const label = scaleLabel(bar.meters);
    if (barRef.current) barRef.current.style.width = `${bar.pixels}px`;
    if (barLabelRef.current) barLabelRef.current.textContent = handlers.current.t(`eldercare.circle.map.${label.unit}`, { value: label.value.toLocaleString('zh-CN') });
    const region = regionRef.current;
    if (region) {
      region.dataset.scale = st.view.scale.toFixed(5);
      region.dataset.center = `${st.view.cx.toFixed(1)},${st.view.cy.toFixed(1)}`;
      region.dataset.scaleMeters = String(bar.meters);
    }
  }, []);

  const schedule = useCallback(() => {
    if (live.current.frame === 0) live.current.frame = raf(paint);
  }, [paint]);

  const setView = useCallback(
    (view: View) => {
      live.current.view = view;
      live.current.fitted = false;
      schedule();
    },
    [schedule],
  );

  const fit = useCallback(() => {
    const st = live.current;
    st.view = fitView(st.scene.box, st.size);
    st.fitted = true;
    schedule();
  }, [schedule]);

  // New data: keep the view unless the area itself changed (a new projection), then fit it.
  useEffect(() => {
    const st = live.current;
    st.scene = scene;
    if (st.view === null || st.projection !== scene.projection) {
      st.projection = scene.projection;
      fit();
    }
    schedule();
  }, [scene, schedule, fit]);

  // Width follows the page; the height is fixed.
  useEffect(() => {
    const region = regionRef.current;
    if (!region) return;
    const measure = () => {
      // (clientWidth 0: not laid out, as under jsdom — keep the default width.)
      const width = Math.round(region.clientWidth) || 640;
      const st = live.current;
      if (width === st.size.width && height === st.size.height) return;
      st.size = { width, height };
      if (st.fitted && st.view) fit();
      schedule();
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(region);
    return () => observer.disconnect();
  }, [height, schedule, fit]);

  useEffect(() => {
    const st = live.current;
    // Grid names are drawn in the bundled font, whose glyphs load on demand: draw again when they arrive.
    const fonts = typeof document !== 'undefined' ? document.fonts : undefined;
    fonts?.addEventListener?.('loadingdone', schedule);
    return () => {
      fonts?.removeEventListener?.('loadingdone', schedule);
      cancelRaf(st.frame);
      window.clearTimeout(st.refine);
    };
  }, [schedule]);

  // Pointer and wheel: native listeners (the wheel must be non-passive to keep the page still).
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const local = (e: MouseEvent) => {
      const rect = canvas.getBoundingClientRect();
      return { sx: e.clientX - rect.left, sy: e.clientY - rect.top };
    };
    const down = (e: PointerEvent) => {
      if (e.button !== 0 || !live.current.view) return;
      canvas.setPointerCapture?.(e.pointerId);
      live.current.drag = { pointerId: e.pointerId, x: e.clientX, y: e.clientY, moved: 0, start: live.current.view };
    };
    const move = (e: PointerEvent) => {
      const drag = live.current.drag;
      if (!drag || drag.pointerId !== e.pointerId) return;
      const dx = e.clientX - drag.x;
      const dy = e.clientY - drag.y;
      drag.moved = Math.max(drag.moved, Math.hypot(dx, dy));
      if (drag.moved < 3) return;
      setView({ ...drag.start, cx: drag.start.cx - dx / drag.start.scale, cy: drag.start.cy + dy / drag.start.scale });
    };
    const up = (e: PointerEvent) => {
      const drag = live.current.drag;
      if (!drag || drag.pointerId !== e.pointerId) return;
      live.current.drag = null;
      if (drag.moved >= 3) return;
      const { sx, sy } = local(e);
      act(sx, sy, 4);
    };
    const cancel = () => void (live.current.drag = null);
    const wheel = (e: WheelEvent) => {
      const st = live.current;
      if (!st.view) return;
      e.preventDefault();
      const { sx, sy } = local(e);
      const delta = e.deltaMode === 1 ? e.deltaY * 16 : e.deltaY;
      setView(zoomAt(st.view, st.size, Math.exp(-delta * 0.002), sx, sy));
    };
    canvas.addEventListener('pointerdown', down);
    canvas.addEventListener('pointermove', move);
    canvas.addEventListener('pointerup', up);
    canvas.addEventListener('pointercancel', cancel);
    canvas.addEventListener('wheel', wheel, { passive: false });
    return () => {
      canvas.removeEventListener('pointerdown', down);
      canvas.removeEventListener('pointermove', move);
      canvas.removeEventListener('pointerup', up);
      canvas.removeEventListener('pointercancel', cancel);
      canvas.removeEventListener('wheel', wheel);
    };
  }, [setView]);

  /** A click (or Enter at the crosshair) at screen point (sx, sy). */
  function act(sx: number, sy: number, tolerance: number) {
    const st = live.current;
    if (!st.view) return;
    if (handlers.current.placing) {
      const world = toWorld(st.view, st.size, sx, sy);
      handlers.current.onPlace(st.scene.projection.toLngLat(world.x, world.y));
      return;
    }
    const hit = hitTest(st.scene, st.view, st.size, sx, sy, tolerance);
    if (hit) handlers.current.onPick(hit);
  }

  /** After a keyboard move: say which compound the crosshair is on (once per key, not per frame). */
  const describeCursor = () => {
    const st = live.current;
    if (!st.view) return;
    const hit = hitTest(st.scene, st.view, st.size, st.size.width / 2, st.size.height / 2, 12);
    if (!hit) return setCursor(t('eldercare.circle.map.cursorNone'));
    if (hit.kind === 'facility') {
      const f = st.scene.facilities.find((x) => x.id === hit.id);
      return setCursor(t('eldercare.circle.map.cursorFacility', { name: f?.name ?? '' }));
    }
    const c = st.scene.compounds;
    const i = c.ids.indexOf(hit.id);
    setCursor(
      t('eldercare.circle.map.cursorCompound', {
        name: c.names[i],
        older: c.older[i],
        covered: c.covered[i],
        share: formatShare(Number.isNaN(c.shares[i]) ? null : c.shares[i]),
      }),
    );
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLDivElement>) => {
    const st = live.current;
    if (!st.view) return;
    const step = (e.shiftKey ? 0.5 : 0.125) * Math.min(st.size.width, st.size.height);
    const pan = (dx: number, dy: number) => setView({ ...st.view!, cx: st.view!.cx + dx / st.view!.scale, cy: st.view!.cy + dy / st.view!.scale });
    switch (e.key) {
      case 'ArrowLeft':
        pan(-step, 0);
        break;
      case 'ArrowRight':
        pan(step, 0);
        break;
      case 'ArrowUp':
        pan(0, step);
        break;
      case 'ArrowDown':
        pan(0, -step);
        break;
      case '+':
      case '=':
        setView(zoomAt(st.view, st.size, ZOOM_STEP));
        break;
      case '-':
      case '_':
        setView(zoomAt(st.view, st.size, 1 / ZOOM_STEP));
        break;
      case '0':
      case 'Home':
        fit();
        break;
      case 'Enter':
      case ' ':
        act(st.size.width / 2, st.size.height / 2, 12);
        break;
      case 'Escape':
        if (!handlers.current.placing) return;
        handlers.current.onCancelPlacing();
        break;
      default:
        return;
    }
    e.preventDefault();
    describeCursor();
  };

  const setCrosshair = (on: boolean) => {
    live.current.crosshair = on;
    schedule();
  };

  return (
    <Box>
      <Box
        ref={regionRef}
        role="application"
        aria-roledescription={t('eldercare.circle.map.roleDescription')}
        aria-label={t('eldercare.circle.map.label')}
        aria-describedby={instructionsId}
        tabIndex={0}
        onKeyDown={onKeyDown}
        onFocus={() => setCrosshair(true)}
        onBlur={() => setCrosshair(false)}
        data-testid="coverage-map"
        pos="relative"
        style={{ height, border: '1px solid var(--mantine-color-gray-4)', borderRadius: 4, overflow: 'hidden', outlineOffset: 2, touchAction: 'none' }}
      >
        <canvas
          ref={canvasRef}
          aria-hidden
          data-testid="coverage-map-canvas"
          style={{ display: 'block', width: '100%', height, cursor: placing ? 'crosshair' : 'grab' }}
        />
        <Group gap={4} pos="absolute" top={8} right={8} style={{ flexDirection: 'column' }}>
          <Tooltip label={t('eldercare.circle.map.zoomIn')}>
            <ActionIcon variant="default" aria-label={t('eldercare.circle.map.zoomIn')} onClick={() => live.current.view && setView(zoomAt(live.current.view, live.current.size, ZOOM_STEP))} data-testid="coverage-map-zoom-in">
              +
            </ActionIcon>
          </Tooltip>
          <Tooltip label={t('eldercare.circle.map.zoomOut')}>
            <ActionIcon variant="default" aria-label={t('eldercare.circle.map.zoomOut')} onClick={() => live.current.view && setView(zoomAt(live.current.view, live.current.size, 1 / ZOOM_STEP))} data-testid="coverage-map-zoom-out">
              −
            </ActionIcon>
          </Tooltip>
          <Tooltip label={t('eldercare.circle.map.fit')}>
            <ActionIcon variant="default" aria-label={t('eldercare.circle.map.fit')} onClick={fit} data-testid="coverage-map-fit">
              ⤢
            </ActionIcon>
          </Tooltip>
        </Group>
        <Box pos="absolute" left={8} bottom={8} px={6} py={2} bg="rgba(255,255,255,0.85)" style={{ borderRadius: 3 }} data-testid="coverage-map-scale">
          <div ref={barRef} style={{ height: 6, borderLeft: '2px solid #212121', borderRight: '2px solid #212121', borderBottom: '2px solid #212121', width: 100 }} />
          <Text component="span" size="xs" c="dark" ref={barLabelRef} data-testid="coverage-map-scale-label" />
        </Box>
      </Box>
      <Text size="xs" c="dimmed" id={instructionsId} mt={4}>
        {placing ? t('eldercare.circle.map.placingHint') : t('eldercare.circle.map.instructions')}
      </Text>
      <Text size="sm" aria-live="polite" data-testid="coverage-map-cursor" mih={20}>
        {cursor}
      </Text>
    </Box>
  );
}
