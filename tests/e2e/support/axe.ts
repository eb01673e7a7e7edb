/**
 * axe-core in the page under test: its source is evaluated into the page (over the DevTools
 * protocol, which the app's CSP — no inline scripts — does not govern), and `axe.run` checks the
 * document against WCAG 2.1 A and AA, the level GB/T 37668 asks for.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe's tags for WCAG 2.0 and 2.1, levels A and AA (best-practice rules are not part of the standard). */
export const WCAG_21_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] as const;

export interface Violation {
  /** Where in the walk it was found (page, dialog, language). */
  where: string;
  rule: string;
  impact: string | null;
  help: string;
  /** One CSS selector path per failing element (with its colours when it is about contrast), and axe's reason for the first one. */
  targets: string[];
  detail: string;
}

/**
 * Waits until the page has settled: no spinner left and no finite animation running (a modal
 * fading in has the contrast of its final colours only at the end).
 */
export async function settled(page: Page): Promise<void> {
  // Polled with evaluate, not waitForFunction: the latter evals its predicate in the page, which the CSP refuses.
  const quiet = `!document.querySelector('.mantine-Loader-root') &&
    document.getAnimations().every((a) => a.playState !== 'running' || a.effect.getComputedTiming().iterations === Infinity)`;
  const deadline = Date.now() + 15_000;
  while (!(await page.evaluate<boolean>(quiet))) {
    if (Date.now() > deadline) throw new Error(`the page did not settle (a spinner or an animation still running) at ${page.url()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The WCAG 2.1 A/AA violations on the page as it is now, each labelled with `where`. */
export async function axeViolations(page: Page, where: string): Promise<Violation[]> {
  await settled(page);
  // Once per document: the hash router keeps it across pages, a reload drops it.
  if (!(await page.evaluate<boolean>("typeof window.axe === 'object'"))) await page.evaluate(AXE_SOURCE);
  const options = JSON.stringify({ runOnly: { type: 'tag', values: WCAG_21_AA_TAGS }, resultTypes: ['violations'] });
  // A string expression: the e2e tests are type-checked without the DOM library.
  const found = await page.evaluate<Omit<Violation, 'where'>[]>(
    `axe.run(document, ${options}).then((r) => r.violations.map((v) => ({
       rule: v.id,
       impact: v.impact,
       help: v.help,
       targets: v.nodes.map((n) => {
         const contrast = n.any.find((c) => c.id === 'color-contrast');
         const d = contrast && contrast.data;
         return n.target.join(' ') + (d && d.fgColor ? ' — ' + d.fgColor + ' on ' + d.bgColor + ' = ' + d.contrastRatio + ':1' : '');
       }),
       detail: v.nodes[0] ? v.nodes[0].failureSummary : '',
     })))`,
  );
  return found.map((v) => ({ where, ...v }));
}

/** One block per violation: where, rule, why, then each failing element. */
export function formatViolations(violations: readonly Violation[]): string {
  return violations
    .map((v) => {
      const shown = v.targets.slice(0, 8).map((t) => `      ${t}`);
      if (v.targets.length > shown.length) shown.push(`      … and ${v.targets.length - shown.length} more`);
      return [`  [${v.where}] ${v.rule} (${v.impact}, ${v.targets.length} elements): ${v.help}`, `      ${v.detail.replace(/\n/g, ' | ')}`, ...shown].join('\n');
    })
    .join('\n');
}

/** Counts by rule, then by place: the summary a report needs. */
export function countViolations(violations: readonly Violation[]): Record<string, { elements: number; where: Record<string, number> }> {
  const counts: Record<string, { elements: number; where: Record<string, number> }> = {};
  for (const v of violations) {
    const entry = (counts[v.rule] ??= { elements: 0, where: {} });
    entry.elements += v.targets.length;
    entry.where[v.where] = (entry.where[v.where] ?? 0) + v.targets.length;
  }
  return counts;
}
