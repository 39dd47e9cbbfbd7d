import { useId, useState } from 'react';
import type { StoryExportFormat } from '../../../electron/core/contract/schemas';
import { useStore } from '../store';
import { Modal } from './Dialogs';
import { AlertIcon, ExportIcon } from './icons';
import '../styles/files.css';

interface FormatChoice {
  format: StoryExportFormat;
  name: string;
  extension: string;
  what: string;
}

const FORMATS: FormatChoice[] = [
  {
    format: 'json',
    name: 'Beatline story file',
    extension: '.beatline.json',
    what: 'Everything, exactly: open it in Beatline on any computer with Import.',
  },
  {
    format: 'md',
    name: 'Markdown outline',
    extension: '.md',
    what: 'Titles, descriptions and numbered beats with their times. Edit it in any text editor and import it back.',
  },
  {
    format: 'docx',
    name: 'Word document',
    extension: '.docx',
    what: 'A heading per event and numbered beats, for Word, LibreOffice or Google Docs.',
  },
  {
    format: 'fountain',
    name: 'Fountain outline',
    extension: '.fountain',
    what: 'Sections and synopses that screenwriting apps open as an outline.',
  },
];

const FORMAT_KEY = 'beatline.exportFormat';

function rememberedFormat(): StoryExportFormat {
  try {
    const saved = localStorage.getItem(FORMAT_KEY);
    const known = FORMATS.find((f) => f.format === saved);
    if (known) return known.format;
  } catch {
    // Storage can be disabled: start from the lossless format.
  }
  return 'json';
}

function rememberFormat(format: StoryExportFormat): void {
  try {
    localStorage.setItem(FORMAT_KEY, format);
  } catch {
    // Not remembering the choice is harmless.
  }
}

interface ChoiceProps<T> {
  busy: boolean;
  onChange: (value: T) => void;
}

/** Which story to export, when the dialog was not opened for one. */
function StoryChoice({ storyId, busy, onChange }: ChoiceProps<string> & { storyId: string }) {
  const stories = useStore((s) => s.stories);
  return (
    <label className="export-story-field">
      <span>Story</span>
      <select
        className="text-input"
        value={storyId}
        onChange={(e) => onChange(e.target.value)}
        disabled={busy}
      >
        {stories.map((s) => (
          <option key={s.id} value={s.id}>
            {s.title}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The formats, each with its extension and what it is for. */
function FormatChoices(props: ChoiceProps<StoryExportFormat> & { format: StoryExportFormat }) {
  const { format, busy, onChange } = props;
  const ids = useId();
  return (
    <fieldset className="format-choices" disabled={busy}>
      <legend>Format</legend>
      {FORMATS.map((f) => (
        <label key={f.format} className="format-choice">
          <input
            type="radio"
            name={`${ids}-format`}
            value={f.format}
            checked={format === f.format}
            onChange={() => onChange(f.format)}
            aria-describedby={`${ids}-${f.format}`}
            data-autofocus={format === f.format ? '' : undefined}
          />
          <span className="format-text">
            <span className="format-name">
              {f.name} <span className="format-ext">{f.extension}</span>
            </span>
            <span className="format-what" id={`${ids}-${f.format}`}>
              {f.what}
            </span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}

/** Cancel, and Export (a spinner while the export runs). */
function ExportActions(props: { busy: boolean; ready: boolean; extension: string }) {
  const close = useStore((s) => s.closeExportDialog);
  return (
    <div className="modal-actions">
      <button type="button" className="button" onClick={close}>
        Cancel
      </button>
      <button type="submit" className="button primary" disabled={props.busy || !props.ready}>
        {props.busy ? (
          <>
            <span className="spinner on-accent" aria-hidden="true" /> Exporting…
          </>
        ) : (
          <>
            <ExportIcon size={15} /> Export {props.extension}
          </>
        )}
      </button>
    </div>
  );
}

/** The export form: the story (unless given), the format, and Export. */
function ExportForm({ initialStoryId }: { initialStoryId: string | null }) {
  const stories = useStore((s) => s.stories);
  const openTitle = useStore((s) => s.timeline?.story.title);
  const openId = useStore((s) => s.timeline?.story.id);
  const exportStory = useStore((s) => s.exportStory);
  const [storyId, setStoryId] = useState(initialStoryId ?? stories[0]?.id ?? '');
  const [format, setFormat] = useState<StoryExportFormat>(rememberedFormat);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const title =
    (storyId === openId ? openTitle : undefined) ??
    stories.find((s) => s.id === storyId)?.title ??
    '';
  const choice = FORMATS.find((f) => f.format === format) ?? FORMATS[0]!;

  const submit = async () => {
    if (busy || !storyId) return;
    setBusy(true);
    setError(null);
    rememberFormat(format);
    const problem = await exportStory(storyId, format);
    // On success the dialog is gone; on a failure it stays, saying why.
    if (problem) {
      setBusy(false);
      setError(problem);
    }
  };

  return (
    <form
      className="export-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2 id="export-title">
        {initialStoryId ? (
          <>
            Export <span className="export-story-title">“{title}”</span>
          </>
        ) : (
          'Export a story'
        )}
      </h2>
      {!initialStoryId && <StoryChoice storyId={storyId} busy={busy} onChange={setStoryId} />}
      <FormatChoices format={format} busy={busy} onChange={setFormat} />
      {error && (
        <p className="form-error" role="alert">
          <AlertIcon size={15} /> {error}
        </p>
      )}
      <ExportActions busy={busy} ready={storyId !== ''} extension={choice.extension} />
    </form>
  );
}

/** Export…: a story in one of four formats, saved by the host or downloaded. */
export function ExportDialog() {
  const request = useStore((s) => s.exportDialog);
  const close = useStore((s) => s.closeExportDialog);
  if (!request) return null;
  return (
    <Modal labelledBy="export-title" onClose={close} className="export-dialog">
      <ExportForm initialStoryId={request.storyId} />
    </Modal>
  );
}
