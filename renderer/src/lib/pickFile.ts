/**
 * Shows the browser's file picker for one file with these extensions; resolves to the file,
 * or null when the writer closes the picker. Needs a recent click or key press (the browser
 * shows pickers only in answer to the writer).
 */
export function pickFile(accept: readonly string[]): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept.join(',');
    input.hidden = true;
    const finish = (file: File | null) => {
      input.remove();
      resolve(file);
    };
    input.addEventListener('change', () => finish(input.files?.[0] ?? null), { once: true });
    input.addEventListener('cancel', () => finish(null), { once: true });
    document.body.append(input);
    input.click();
  });
}

/** The import format a story file's name says it is: Markdown by extension, else JSON. */
export function importFormatOf(fileName: string): 'json' | 'md' {
  return /\.(md|markdown)$/i.test(fileName) ? 'md' : 'json';
}
