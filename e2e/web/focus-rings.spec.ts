import { expect, test } from './fixtures';
import { seedStory } from './api';
import { expectBeats, openSearch } from './timeline';

/**
 * Every control a writer reaches with Tab in the story view shows where the focus is: an
 * outline of 2 px or more on it, or a ring (box-shadow) that the box around a field draws only
 * while the field has the focus (the time offset's chip, the search box); a column's width
 * handle (a separator) is filled while it has the focus.
 */

/** How the focused element is drawn, against how it is drawn once it has lost the focus. */
interface Ring {
  name: string;
  outline: number;
  shadowFocused: string[];
  shadowBlurred: string[];
  /** A separator's fill, focused and not. */
  fill: [string, string] | null;
}

test('every control of the story view reached by Tab draws a focus ring', async ({
  app: page,
  host,
}) => {
  await seedStory(host, 'Rings', [
    { title: 'Arrival', beats: [['The sea is flat as slate', 30], ['The ladder is iced']] },
  ]);
  await page.reload();
  await page.getByRole('button', { name: /^Open Rings:/ }).click();
  await expectBeats(page, 0, ['The sea is flat as slate', 'The ladder is iced']);
  // With the search box open: its field is one of the controls.
  await openSearch(page);
  await page.keyboard.type('sea');
  await expect(page.getByRole('option')).toHaveCount(1);
  await page.getByRole('button', { name: 'Back to the library' }).focus();
  const rings: Ring[] = [];
  for (let i = 0; i < 28; i++) {
    await page.keyboard.press('Tab');
    rings.push(
      await page.locator(':focus').evaluate((el) => {
        const view = el.ownerDocument.defaultView!;
        const shadows = () =>
          [el, el.parentElement!].map((e) => view.getComputedStyle(e).boxShadow as string);
        const style = view.getComputedStyle(el);
        const outline = style.outlineStyle === 'none' ? 0 : parseFloat(style.outlineWidth);
        const name = `${el.getAttribute('aria-label') ?? el.textContent?.slice(0, 30)}`;
        const separator = el.getAttribute('role') === 'separator';
        const fillFocused = style.backgroundColor as string;
        const shadowFocused = shadows();
        (el as { blur(): void }).blur();
        const shadowBlurred = shadows();
        const fill: [string, string] | null = separator
          ? [fillFocused, view.getComputedStyle(el).backgroundColor as string]
          : null;
        (el as { focus(): void }).focus();
        return { name, outline, shadowFocused, shadowBlurred, fill };
      }),
    );
  }
  const without = rings
    .filter(
      (r) =>
        r.outline < 2 &&
        r.shadowFocused.every((s, i) => s === 'none' || s === r.shadowBlurred[i]) &&
        (r.fill === null || r.fill[0] === r.fill[1]),
    )
    .map((r) => r.name);
  expect(rings.map((r) => r.name)).toContain('Time offset of beat 1');
  expect(rings.map((r) => r.name)).toContain('Search the story’s beats');
  expect(without, 'focused controls without a ring').toEqual([]);
});
