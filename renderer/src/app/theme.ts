import {
  createTheme,
  darken,
  lighten,
  luminance,
  mergeThemeOverrides,
  Modal,
  Loader,
  TableScrollContainer,
  type CSSVariablesResolver,
  type MantineThemeOverride,
} from '@mantine/core';

/*
 * Noto Sans SC is bundled with the renderer (renderer/src/main.tsx imports its 400 and 700 weights,
 * split by unicode-range so the browser loads only the slices a page uses): a machine without CJK
 * system fonts — a fresh Linux PC, CI's Chromium — would otherwise draw every Chinese glyph as an
 * empty box, and screenshots and printouts look the same on every machine. The system fonts after
 * it only matter if the bundle failed to load.
 */
const SANS = '"Noto Sans SC", system-ui, -apple-system, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "Segoe UI", Roboto, sans-serif';

export const theme = createTheme({
  primaryColor: 'indigo',
  // Keyboard users must always see where they are.
  focusRing: 'auto',
  fontFamily: SANS,
  // Mantine's headings keep their own stack unless told.
  headings: { fontFamily: SANS },
  // Digits stay monospaced; Chinese inside code blocks falls back to the bundled font, not to boxes.
  fontFamilyMonospace: 'ui-monospace, SFMono-Regular, Menlo, Monaco, Consolas, "Liberation Mono", "Courier New", monospace, "Noto Sans SC"',
  defaultRadius: 'sm',
  components: {
    // A table wider than the window scrolls sideways; keyboard users scroll it by focusing it (WCAG 2.1.1).
    TableScrollContainer: TableScrollContainer.extend({ defaultProps: { scrollAreaProps: { viewportProps: { tabIndex: 0 } } } }),
    // Every loader carries a label ("加载中"); a label needs a role to be allowed (axe aria-prohibited-attr),
    // and status is what a spinner is: announced politely, once.
    Loader: Loader.extend({ defaultProps: { role: 'status' } }),
  },
});

/**
 * The theme in the current language: every dialog's close button (an icon, ×) is named for screen
 * readers once here (WCAG 4.1.2), so a dialog that does not pass `closeButtonProps` is still announced.
 */
export function localizedTheme(labels: { close: string }): MantineThemeOverride {
  return mergeThemeOverrides(theme, { components: { Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': labels.close } } }) } });
}

/*
 * Text contrast (WCAG 1.4.3, AA: 4.5:1; GB/T 37668 follows WCAG). Mantine's default palette use
 * misses it in several places: dimmed text (gray.6 on white, 3.3:1; dark.2 on dark.7, 4.0:1), error
 * text (red.6, 3.3:1), links and filled buttons in indigo.6 (4.3:1), green/orange/yellow filled badges
 * and buttons (white on them, 1.9–2.6:1), light badges (green.9 on green.1, 3.8:1). Instead of page by
 * page, the colour variables are made readable here: each keeps its hue and is darkened (or, on dark
 * backgrounds, lightened) only as far as 4.5:1 needs, preferring the palette's own next shade.
 */
const AA = 4.5;

function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)];
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}

function readsOn(color: string, backgrounds: readonly string[]): boolean {
  return backgrounds.every((background) => contrast(color, background) >= AA);
}

/** `color` darkened (or lightened) in small steps until it reads on every background. */
function adjusted(color: string, backgrounds: readonly string[], direction: 'darker' | 'lighter'): string {
  for (let step = 1; step <= 50; step++) {
    const candidate = direction === 'darker' ? darken(color, step / 50) : lighten(color, step / 50);
    if (readsOn(candidate, backgrounds)) return candidate;
  }
  return direction === 'darker' ? '#000000' : '#ffffff';
}

/**
 * The first of a palette's shades, from `from` towards the end of `order`, that reads on every
 * background (as a variable, so the palette stays the source); else the last one, adjusted.
 */
function readableShade(name: string, shades: readonly string[], order: readonly number[], backgrounds: readonly string[], direction: 'darker' | 'lighter'): { value: string; index: number | null } {
  const index = order.find((i) => readsOn(shades[i], backgrounds));
  if (index !== undefined) return { value: `var(--mantine-color-${name}-${index})`, index };
  return { value: adjusted(shades[order[order.length - 1]], backgrounds, direction), index: null };
}

const from = (start: number, end: number) => Array.from({ length: Math.abs(end - start) + 1 }, (_, i) => (start <= end ? start + i : start - i));

export const cssVariablesResolver: CSSVariablesResolver = (t) => {
  const { white, colors } = t;
  const { gray, dark } = colors;
  const primaryLight = typeof t.primaryShade === 'number' ? t.primaryShade : t.primaryShade.light;
  const primaryDark = typeof t.primaryShade === 'number' ? t.primaryShade : t.primaryShade.dark;
  // Where text sits: the page and cards, striped rows, a hovered row or button.
  const lightGrounds = [white, gray[0], gray[1]];
  const darkGrounds = [dark[7], dark[6], dark[5]];
  const light: Record<string, string> = {};
  const darkScheme: Record<string, string> = {};

  for (const [name, shades] of Object.entries(colors)) {
    if (!Array.isArray(shades) || shades.length !== 10) continue; // virtual colours bring their own
    // Filled buttons and badges carry white text (both schemes).
    for (const [target, start] of [[light, primaryLight], [darkScheme, primaryDark]] as const) {
      const filled = readableShade(name, shades, from(start, 9), [white], 'darker');
      target[`--mantine-color-${name}-filled`] = filled.value;
      target[`--mantine-color-${name}-filled-hover`] =
        filled.index !== null && filled.index < 9 ? `var(--mantine-color-${name}-${filled.index + 1})` : darken(filled.index === null ? filled.value : shades[9], 0.1);
    }
    // Coloured text, links and outline buttons on the page.
    const textLight = readableShade(name, shades, from(primaryLight, 9), lightGrounds, 'darker').value;
    light[`--mantine-color-${name}-text`] = textLight;
    light[`--mantine-color-${name}-outline`] = textLight;
    const textDark = readableShade(name, shades, from(4, 0), darkGrounds, 'lighter').value;
    darkScheme[`--mantine-color-${name}-text`] = textDark;
    darkScheme[`--mantine-color-${name}-outline`] = textDark;
    // Light variants (badges, alerts' titles, the navbar's current page): shade 9 on shade 1, or on shade 2 when hovered.
    if (!readsOn(shades[9], [shades[1], shades[2]])) light[`--mantine-color-${name}-light-color`] = adjusted(shades[9], [shades[1], shades[2]], 'darker');
  }

  const dimmedLight = readsOn(gray[6], lightGrounds) ? gray[6] : adjusted(gray[6], lightGrounds, 'darker');
  const dimmedDark = readsOn(dark[2], darkGrounds) ? dark[2] : adjusted(dark[2], darkGrounds, 'lighter');
  const primary = t.primaryColor;
  return {
    variables: {},
    light: {
      ...light,
      '--mantine-color-dimmed': dimmedLight,
      // Placeholders are read as hints (1.4.3 applies to them too): as readable as dimmed text.
      '--mantine-color-placeholder': dimmedLight,
      '--mantine-color-anchor': `var(--mantine-color-${primary}-text)`,
      '--mantine-color-error': 'var(--mantine-color-red-text)',
      '--mantine-color-success': 'var(--mantine-color-teal-text)',
    },
    dark: {
      ...darkScheme,
      '--mantine-color-dimmed': dimmedDark,
      '--mantine-color-placeholder': dimmedDark,
      '--mantine-color-anchor': `var(--mantine-color-${primary}-text)`,
      '--mantine-color-error': 'var(--mantine-color-red-text)',
      '--mantine-color-success': 'var(--mantine-color-teal-text)',
    },
  };
};
