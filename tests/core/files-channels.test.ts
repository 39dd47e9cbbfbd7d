import { describe, expect, it } from 'vitest';
import { must, seedStory, tempLibrary } from '../helpers/library';

describe('files channels without native dialogs', () => {
  it('offer an export as a download and an import as a file pick', async () => {
    const { dispatcher: d } = await tempLibrary();
    const { story } = seedStory(d, { One: ['a'] }, 'Salt Road');
    const saved = must(d.call('files:saveExport', { storyId: story.id, format: 'md' }));
    expect(saved).toMatchObject({ kind: 'download', fileName: 'Salt Road.md', encoding: 'utf8' });
    if (saved.kind === 'download') expect(saved.content).toContain('# Salt Road');
    expect(must(d.call('files:openImport', {}))).toEqual({
      kind: 'pick',
      accept: ['.beatline.json', '.json', '.md', '.markdown', '.fountain'],
    });
  });
});
