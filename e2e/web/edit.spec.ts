import { expect, test } from './fixtures';
import { cliExportStory, cliList, readDatabase } from './database';
import {
  addBeats,
  addEvent,
  beat,
  beatCards,
  column,
  createStory,
  expectBeats,
  expectEvents,
  expectSaved,
  offsetField,
  setOffset,
} from './timeline';

const STORY = 'Night Ferry';

test('a writer plans a story with the keyboard: events, beats, Enter for the next beat', async ({
  app: page,
  host,
}) => {
  await createStory(page, STORY);
  await expect(page.getByRole('heading', { name: 'Start with a scene' })).toBeVisible();
  await addEvent(page, 'Boarding');
  await expect(column(page, 0)).toContainText('0 beats');
  await expect(column(page, 0).getByText('No beats yet')).toBeVisible();
  await addBeats(page, 0, ['Rain on the gangway', 'The purser knows her name', 'Horn']);
  await addEvent(page, 'Crossing');
  await addBeats(page, 1, ['Cabin 12 is empty']);

  await expectEvents(page, ['Boarding', 'Crossing']);
  await expectBeats(page, 0, ['Rain on the gangway', 'The purser knows her name', 'Horn']);
  await expect(beat(page, 0, 2).locator('.beat-number')).toHaveText('3');
  await expect(column(page, 0)).toContainText('3 beats');
  await expect(page.getByText('2 events · 4 beats')).toBeVisible();

  // Event description and rename.
  await column(page, 1).getByLabel('Event description').fill('Midnight, mid-channel.');
  await column(page, 1).getByLabel('Title of event 2').fill('The crossing');
  await page.keyboard.press('Enter');
  await expectSaved(page);

  // The file, read by the CLI: order, titles, description and beats as the writer left them.
  expect(cliExportStory(host.dbPath, STORY)).toEqual({
    title: STORY,
    events: [
      {
        title: 'Boarding',
        description: '',
        beats: [
          { text: 'Rain on the gangway', offset: null },
          { text: 'The purser knows her name', offset: null },
          { text: 'Horn', offset: null },
        ],
      },
      {
        title: 'The crossing',
        description: 'Midnight, mid-channel.',
        beats: [{ text: 'Cabin 12 is empty', offset: null }],
      },
    ],
  });
  expect(cliList(host.dbPath)).toEqual([
    expect.objectContaining({ title: STORY, eventCount: 2, beatCount: 4 }),
  ]);

  await page.reload();
  await expectEvents(page, ['Boarding', 'The crossing']);
  await expect(column(page, 1).getByLabel('Event description')).toHaveValue(
    'Midnight, mid-channel.',
  );
  await expectBeats(page, 0, ['Rain on the gangway', 'The purser knows her name', 'Horn']);
});

test('beat text: multi-line, saved as you type and on blur, Escape keeps it', async ({
  app: page,
  host,
}) => {
  await createStory(page, STORY);
  await addEvent(page, 'Boarding');
  await addBeats(page, 0, ['First line']);

  // Shift+Enter makes a new line (Enter would start the next beat).
  await beat(page, 0, 0).getByTestId('beat-text').click();
  const field = beat(page, 0, 0).getByRole('textbox', { name: 'Beat 1 description' });
  await expect(field).toBeFocused();
  await page.keyboard.press('End');
  await page.keyboard.press('Shift+Enter');
  await page.keyboard.type('Second line');
  // Saved after a short pause, while still editing.
  await expect
    .poll(() => readDatabase(host.dbPath)[0]?.events[0]?.beats[0]?.text)
    .toBe('First line\nSecond line');
  await page.keyboard.press('Tab');
  await expectBeats(page, 0, ['First line\nSecond line']);
  await expect(beatCards(page, 0)).toHaveCount(1);

  // Escape leaves the field and keeps what was typed, in the file too (issue 12).
  await beat(page, 0, 0).getByTestId('beat-text').click();
  // The caret lands where the click did (issue 16): to the end of the text first.
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' and more');
  await page.keyboard.press('Escape');
  await expectBeats(page, 0, ['First line\nSecond line and more']);
  await expect(beat(page, 0, 0)).toBeFocused();
  await expectSaved(page);
  expect(readDatabase(host.dbPath)[0]?.events[0]?.beats[0]?.text).toBe(
    'First line\nSecond line and more',
  );
  // A pause: the library merges typing into one step per field per pause (2 s).
  await page.waitForTimeout(2_500);
  // Keyboard only: Enter on a focused beat edits it.
  await page.keyboard.press('Enter');
  await expect(field).toBeFocused();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('!');
  await page.keyboard.press('Tab');
  await expectBeats(page, 0, ['First line\nSecond line and more!']);

  // Edits are undoable, one step per edit.
  await page.getByRole('button', { name: 'Undo edit beat' }).click();
  await expectBeats(page, 0, ['First line\nSecond line and more']);
  await page.getByRole('button', { name: 'Redo edit beat' }).click();
  await expectBeats(page, 0, ['First line\nSecond line and more!']);
  await expectSaved(page);
  await page.reload();
  await expectBeats(page, 0, ['First line\nSecond line and more!']);
});

test('time offsets: m:ss, h:mm:ss and seconds are taken; invalid input is refused', async ({
  app: page,
  host,
}) => {
  await createStory(page, STORY);
  await addEvent(page, 'Boarding');
  await addBeats(page, 0, ['Gangway', 'Horn', 'Cast off']);
  const offset = (i: number) => offsetField(page, 0, i);
  const storedOffsets = () => readDatabase(host.dbPath)[0]?.events[0]?.beats.map((b) => b.offset);

  await setOffset(page, 0, 0, '0:30');
  await setOffset(page, 0, 1, '90');
  await setOffset(page, 0, 2, '1:02:03', 'Tab');
  await expect(offset(0)).toHaveValue('0:30');
  await expect(offset(1)).toHaveValue('1:30');
  await expect(offset(2)).toHaveValue('1:02:03');
  await expectSaved(page);
  expect(storedOffsets()).toEqual([30, 90, 3723]);

  // Refused: the message says why and nothing changes.
  await setOffset(page, 0, 1, '1:75');
  await expect(beat(page, 0, 1).getByRole('alert')).toContainText('Seconds must be 0–59');
  await expect(offset(1)).toHaveAttribute('aria-invalid', 'true');
  await offset(1).fill('soon');
  await offset(1).press('Enter');
  await expect(beat(page, 0, 1).getByRole('alert')).toContainText('“soon” is not a time');
  await offset(1).press('Escape');
  await expect(offset(1)).toHaveValue('1:30');
  await expect(beat(page, 0, 1).getByRole('alert')).toHaveCount(0);
  await expectSaved(page);
  expect(storedOffsets()).toEqual([30, 90, 3723]);

  // Leaving an invalid value puts the saved one back, and says why.
  await setOffset(page, 0, 0, '-5', 'Tab');
  await expect(offset(0)).toHaveValue('0:30');
  await expect(page.locator('.toast.error')).toContainText('Time not changed. “-5” is not a time');

  // Cleared with an empty field; undo brings it back. After a pause: the library merges changes
  // of one beat's time within 2 s into one step, as it does typing.
  await page.waitForTimeout(2_500);
  await setOffset(page, 0, 2, '');
  await expect(offset(2)).toHaveValue('');
  await expectSaved(page);
  expect(storedOffsets()).toEqual([30, 90, null]);
  await page.getByRole('button', { name: /^Undo set time of beat/ }).click();
  await expect(offset(2)).toHaveValue('1:02:03');
  await expectSaved(page);
  expect(storedOffsets()).toEqual([30, 90, 3723]);

  await page.reload();
  await expect(offset(0)).toHaveValue('0:30');
  await expect(offset(1)).toHaveValue('1:30');
  await expect(offset(2)).toHaveValue('1:02:03');
});

test('delete a beat and an event, undo brings them back, redo deletes again', async ({
  app: page,
  host,
}) => {
  await createStory(page, STORY);
  await addEvent(page, 'Boarding');
  await addBeats(page, 0, ['Gangway', 'Horn', 'Cast off']);
  await addEvent(page, 'Crossing');
  await addBeats(page, 1, ['Cabin 12', 'Fog']);
  await setOffset(page, 0, 1, '2:00');

  // A beat: with its button.
  await beat(page, 0, 1).hover();
  await beat(page, 0, 1).getByRole('button', { name: 'Delete beat 2' }).click();
  await expectBeats(page, 0, ['Gangway', 'Cast off']);
  await expect(page.locator('.toast')).toContainText('Deleted beat 2.');

  // Undo puts it back in place, with its time.
  await page.getByRole('button', { name: 'Undo delete beat' }).click();
  await expectBeats(page, 0, ['Gangway', 'Horn', 'Cast off']);
  await expect(beat(page, 0, 1).getByLabel('Time offset of beat 2')).toHaveValue('2:00');

  // Redo deletes it again; undo once more, then edit the re-created beat: history still finds it.
  await page.getByRole('button', { name: 'Redo delete beat' }).click();
  await expectBeats(page, 0, ['Gangway', 'Cast off']);
  await page.keyboard.press('Control+z');
  await expectBeats(page, 0, ['Gangway', 'Horn', 'Cast off']);

  // A beat, with the keyboard: Delete on the focused card.
  await beat(page, 1, 0).focus();
  await page.keyboard.press('Delete');
  await expectBeats(page, 1, ['Fog']);
  await expect(beat(page, 1, 0)).toBeFocused();

  // An event: asks first.
  await column(page, 0).hover();
  await page.getByRole('button', { name: 'Delete event 1, Boarding' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Delete “Boarding”?' });
  await expect(dialog).toContainText('Its 3 beats go with it.');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expectEvents(page, ['Boarding', 'Crossing']);
  await page.getByRole('button', { name: 'Delete event 1, Boarding' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Delete event' }).click();
  await expectEvents(page, ['Crossing']);
  await expectSaved(page);
  expect(readDatabase(host.dbPath)[0]?.events.map((e) => e.title)).toEqual(['Crossing']);

  await page.getByRole('button', { name: 'Undo delete event' }).click();
  await expectEvents(page, ['Boarding', 'Crossing']);
  await expectBeats(page, 0, ['Gangway', 'Horn', 'Cast off']);
  await expect(beat(page, 0, 1).getByLabel('Time offset of beat 2')).toHaveValue('2:00');
  await expectSaved(page);

  // Undo twice more: the keyboard delete of "Cabin 12", then nothing is lost.
  await page.getByRole('button', { name: 'Undo delete beat' }).click();
  await expectBeats(page, 1, ['Cabin 12', 'Fog']);
  await expectSaved(page);

  const stored = cliExportStory(host.dbPath, STORY);
  expect(stored.events.map((e) => e.beats.map((b) => [b.text, b.offset]))).toEqual([
    [
      ['Gangway', null],
      ['Horn', 120],
      ['Cast off', null],
    ],
    [
      ['Cabin 12', null],
      ['Fog', null],
    ],
  ]);

  await page.reload();
  await expectEvents(page, ['Boarding', 'Crossing']);
  await expectBeats(page, 0, ['Gangway', 'Horn', 'Cast off']);
  await expectBeats(page, 1, ['Cabin 12', 'Fog']);
});

test('a refused save keeps the typed text in the card with the reason', async ({
  app: page,
  host,
}) => {
  await createStory(page, STORY);
  await addEvent(page, 'Boarding');
  await addBeats(page, 0, ['Short']);
  await beat(page, 0, 0).getByTestId('beat-text').click();
  const field = beat(page, 0, 0).getByRole('textbox', { name: 'Beat 1 description' });
  const tooLong = 'x'.repeat(20_001);
  await field.fill(tooLong);
  await page.keyboard.press('Tab');

  const card = beat(page, 0, 0);
  await expect(card.getByRole('alert')).toContainText('Not saved');
  await expect(card.getByRole('alert')).toContainText('20,001 of 20,000 characters');
  await expect(card.getByTestId('beat-text')).toHaveText(tooLong);
  await expect(page.locator('.toast')).toHaveCount(0);
  expect(readDatabase(host.dbPath)[0]?.events[0]?.beats[0]?.text).toBe('Short');

  // Fixing the text saves it and clears the message.
  await card.getByTestId('beat-text').click();
  await field.fill('Short, then longer');
  await page.keyboard.press('Tab');
  await expect(card.getByRole('alert')).toHaveCount(0);
  await expectSaved(page);
  expect(readDatabase(host.dbPath)[0]?.events[0]?.beats[0]?.text).toBe('Short, then longer');
});
