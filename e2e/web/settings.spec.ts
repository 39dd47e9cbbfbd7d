import { expect, test } from './fixtures';

// The Settings dialog in the browser host (issue 17): the Local API belongs to the desktop app.

test('Settings opens from the top bar and says the Local API is in the desktop app', async ({
  app: page,
}) => {
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('heading', { name: 'Local API' })).toBeVisible();
  await expect(dialog).toContainText('It is available in the Beatline desktop app.');
  // Nothing to turn on here: no switch, no token.
  await expect(dialog.getByRole('checkbox')).toHaveCount(0);
  await expect(dialog.getByRole('button', { name: 'New token' })).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  // The focus goes back where it was.
  await expect(page.getByRole('button', { name: 'Settings' })).toBeFocused();
});

test('Ctrl+, and the app menu command open Settings too', async ({ app: page }) => {
  await page.keyboard.press('Control+Comma');
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toBeHidden();
  // The desktop app's menu item reaches the page as this DOM event.
  await page.evaluate(
    "window.dispatchEvent(new CustomEvent('beatline:command', { detail: 'settings' }))",
  );
  await expect(dialog).toBeVisible();
});
