/**
 * Issue 15: every view fits a laptop screen. On each view, in Korean and English, at 1280 × 800 and
 * 1512 × 982: no text overflows its box, no control is clipped or pushed sideways out of view, no
 * table needs sideways scrolling; a screenshot of each lands in e2e/artifacts/layout/.
 */
import { mkdirSync } from 'node:fs';
import { settle, TOUR } from './pages/layout-tour';
import { expect, test } from './support/fixtures';
import { findLayoutProblems } from './support/layout-check';

const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 1512, height: 982 },
] as const;
const LANGUAGES = ['en', 'ko'] as const;

mkdirSync('e2e/artifacts/layout', { recursive: true });

for (const viewport of VIEWPORTS) {
  for (const lang of LANGUAGES) {
    test.describe(`layout ${viewport.width}×${viewport.height} ${lang}`, () => {
      test.use({ viewport });

      for (const stop of TOUR) {
        test(`${stop.name} fits`, async ({ console: app, page }) => {
          await app.setLanguage(lang);
          await expect(page.locator('html')).toHaveAttribute('lang', lang);
          await stop.open(app);
          await settle(page, stop);
          const problems = await findLayoutProblems(page, '.shell');
          await page.screenshot({
            path: `e2e/artifacts/layout/${viewport.width}x${viewport.height}-${lang}-${stop.name}.png`,
          });
          expect(problems, JSON.stringify(problems, null, 2)).toEqual([]);
          if (lang === 'ko') {
            // no English duration units or untranslated labels on a Korean screen (what is rendered:
            // the folded English original of an error is not on screen)
            // rendered text is what the DBA sees; Oracle's own message text (alert log) stays English
            const text = await page.locator('.shell').evaluate((shell) => {
              const raw = [...shell.querySelectorAll<HTMLElement>('[data-oracle-text]')];
              for (const el of raw) el.style.display = 'none';
              // biome-ignore lint/performance/useDomNodeTextContent: rendered text is what the DBA sees
              const shown = (shell as HTMLElement).innerText;
              for (const el of raw) el.style.display = '';
              return shown;
            });
            expect(text).not.toMatch(/\b\d+ (s|sec|min|h|hr|d|days?)\b(?! ?\/)/);
            expect(text).not.toMatch(/\bKill\b|Demo database|\bago\b/);
          }
        });
      }
    });
  }
}
