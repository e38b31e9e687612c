/**
 * Issue 15: the shortcuts help overlay (`?` and the header button) lists them; Alt/Option + digit
 * follows the physical key, so a Mac keyboard (Option+2 types "™") switches views too.
 */
import { expect, test } from './support/fixtures';

test.describe('keyboard shortcuts', () => {
  test('? and the header button open the list; Escape closes it', async ({ console: app, page }) => {
    const dialog = page.getByTestId('shortcuts-dialog');
    // pressed again until it opens: the content shows in the first commit, and the window's key listener
    // is attached by an effect just after it (a key pressed in between, as only a test can, is lost)
    await expect(async () => {
      await page.keyboard.press('Shift+Slash');
      await expect(dialog).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 15_000 });
    await expect(dialog.getByTestId('shortcuts-list')).toContainText('Refresh the view');
    await expect(dialog.getByTestId('shortcuts-list')).toContainText('Go to view 1–9');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();

    await app.setLanguage('ko');
    await page.getByTestId('shortcuts-help').click();
    await expect(dialog).toContainText('단축키');
    await expect(dialog).toContainText('화면 새로고침');
  });

  test('Option+digit on a Mac keyboard (the key types "™") opens the view of that number', async ({
    console: app,
    page,
  }) => {
    await page.evaluate(() => {
      window.dispatchEvent(
        new KeyboardEvent('keydown', {
          key: '™',
          code: 'Digit2',
          altKey: true,
          bubbles: true,
          cancelable: true,
        }),
      );
    });
    // view 2 is Activity (Dashboard, Activity, Sessions, Locks, ...)
    await expect(app.nav('activity')).toHaveAttribute('aria-current', 'page');
    await page.keyboard.press('Alt+Digit3');
    await expect(app.nav('sessions')).toHaveAttribute('aria-current', 'page');
  });
});
