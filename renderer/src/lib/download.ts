import type { ExportedStoryFile } from '../../../electron/core/contract/outputs';

/** The file's bytes: base64 (DOCX) decoded, text as it is (a Blob encodes it as UTF-8). */
function fileBody(file: ExportedStoryFile): BlobPart {
  if (file.encoding === 'utf8') return file.content;
  const binary = atob(file.content);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * Offers a file as a download, for hosts without a save dialog (the browser host): a Blob and
 * a temporary `<a download>`. Following a blob: link is a navigation, which the strict CSP
 * allows (it limits fetches, scripts and images, not downloads).
 */
export function downloadFile(file: ExportedStoryFile): void {
  const url = URL.createObjectURL(new Blob([fileBody(file)], { type: file.mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoking at once can cut a large download short; a minute is plenty to hand it over.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
