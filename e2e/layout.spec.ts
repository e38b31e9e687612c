/**
 * Issue 15: every view fits a laptop screen. On each view, in Korean and English, at 1280 × 800 and
 * 1512 × 982: no text overflows its box, no control is clipped or pushed sideways out of view, no
 * table needs sideways scrolling; a screenshot of each lands in e2e/artifacts/layout/.
 *
 * One page per screen size and language tours every stop (a page load per stop cost five times as
 * much); each stop is its own step, and its findings are soft assertions, so one run reports every
 * stop that does not fit, not only the first.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { settle, TOUR } from './pages/layout-tour';
import { expect, test } from './support/fixtures';
import { findLayoutProblems } from './support/layout-check';

const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 1512, height: 982 },
] as const;
const LANGUAGES = ['en', 'ko'] as const;

mkdirSync('e2e/artifacts/layout', { recursive: true });

/** What the DBA reads on the Korean screen; Oracle's own message text (alert log) stays English. */
async function renderedText(page: Page): Promise<string> {
  return page.locator('.shell').evaluate((shell) => {
    const raw = [...shell.querySelectorAll<HTMLElement>('[data-oracle-text]')];
    for (const el of raw) el.style.display = 'none';
    // biome-ignore lint/performance/useDomNodeTextContent: rendered text is what the DBA sees
    const shown = (shell as HTMLElement).innerText;
    for (const el of raw) el.style.display = '';
    return shown;
  });
}

for (const viewport of VIEWPORTS) {
  for (const lang of LANGUAGES) {
    test(`layout ${viewport.width}×${viewport.height} ${lang}: every view fits`, async ({
      console: app,
      page,
    }) => {
      test.setTimeout(40_000 + TOUR.length * 15_000);
      await page.setViewportSize(viewport);
      await app.setLanguage(lang);
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      for (const stop of TOUR) {
        await test.step(`${stop.name} fits`, async () => {
          // a drawer or dialog of the previous stop must not cover the navigation
          await page.keyboard.press('Escape');
          await stop.open(app);
          await settle(page, stop);
          const problems = await findLayoutProblems(page, '.shell');
          await page.screenshot({
            path: `e2e/artifacts/layout/${viewport.width}x${viewport.height}-${lang}-${stop.name}.png`,
          });
          expect.soft(problems, `${stop.name}: ${JSON.stringify(problems, null, 2)}`).toEqual([]);
          if (lang === 'ko') {
            // no English duration units or untranslated labels on a Korean screen
            const text = await renderedText(page);
            expect.soft(text, stop.name).not.toMatch(/\b\d+ (s|sec|min|h|hr|d|days?)\b(?! ?\/)/);
            expect.soft(text, stop.name).not.toMatch(/\bKill\b|Demo database|\bago\b/);
          }
        });
      }
    });
  }
}
