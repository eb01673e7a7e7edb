import { createTheme } from '@mantine/core';

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
});
