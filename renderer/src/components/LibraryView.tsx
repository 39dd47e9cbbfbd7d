import { memo, useEffect, useId, useRef, useState } from 'react';
import type { RefObject } from 'react';
import { LIMITS } from '../../../electron/core/contract/limits';
import { describeWhen } from '../lib/time';
import { libraryOrder, loadLibraryView, saveLibraryView } from '../lib/librarySort';
import { LibraryControls } from './LibraryControls';
import { useStore } from '../store';
import { lengthProblem, plural } from '../lib/text';
import { CopyIcon, ExportIcon, PencilIcon, PlusIcon, TrashIcon } from './icons';
import { RestoreNotice } from './RestoreNotice';
import { ImportButton } from './StoryFileActions';

function NewStoryForm({ onDone }: { onDone: () => void }) {
  const createStory = useStore((s) => s.createStory);
  const [title, setTitle] = useState('');
  const [busy, setBusy] = useState(false);
  // A pasted title over the limit stays whole, with what to shorten, instead of being cut.
  const tooLong = lengthProblem(title, LIMITS.title);
  const submit = async () => {
    if (!title.trim() || busy || tooLong) return;
    setBusy(true);
    const id = await createStory(title);
    setBusy(false);
    if (id) onDone();
  };
  return (
    <form
      className="new-story"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <input
        // The form opens because the writer asked for it: focus goes where they expect it.
        autoFocus
        className="text-input"
        dir="auto"
        value={title}
        placeholder="Title of the new story"
        aria-label="Title of the new story"
        aria-invalid={tooLong !== null}
        aria-describedby={tooLong ? 'new-story-too-long' : undefined}
        onChange={(e) => setTitle(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            onDone();
          }
        }}
      />
      <button
        type="submit"
        className="button primary"
        disabled={!title.trim() || busy || tooLong !== null}
      >
        Create story
      </button>
      <button type="button" className="button ghost" onClick={onDone}>
        Cancel
      </button>
      {tooLong && (
        <p id="new-story-too-long" className="field-error" role="alert">
          {tooLong}
        </p>
      )}
    </form>
  );
}

interface RenameProps {
  inputRef: RefObject<HTMLInputElement | null>;
  value: string;
  title: string;
  onChange: (value: string) => void;
  /** Ends the rename: `save` keeps the typed title (Enter, leaving), else drops it (Escape). */
  onFinish: (save: boolean) => void;
}

/**
 * The title field of a story being renamed. A title over the limit is kept whole, with what to
 * shorten; Enter or leaving the field then saves nothing and the field stays open.
 */
function RenameInput({ inputRef, value, title, onChange, onFinish }: RenameProps) {
  const tooLong = lengthProblem(value, LIMITS.title);
  const noteId = useId();
  return (
    <>
      <input
        ref={inputRef}
        className="text-input story-rename"
        dir="auto"
        value={value}
        aria-label={`New title for ${title}`}
        aria-invalid={tooLong !== null}
        aria-describedby={tooLong ? noteId : undefined}
        onChange={(e) => onChange(e.target.value)}
        onBlur={() => onFinish(true)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            onFinish(true);
          } else if (e.key === 'Escape') {
            e.preventDefault();
            onFinish(false);
          }
        }}
      />
      {tooLong && (
        <p id={noteId} className="field-error" role="alert">
          Not saved: {tooLong}
        </p>
      )}
    </>
  );
}

interface ActionsProps {
  storyId: string;
  title: string;
  /** Rename gets the focus back when the rename ends. */
  renameButtonRef: RefObject<HTMLButtonElement | null>;
  onRename: () => void;
}

/** A story's buttons: rename, export, duplicate, delete. */
function StoryCardActions({ storyId, title, renameButtonRef, onRename }: ActionsProps) {
  const deleteStory = useStore((s) => s.deleteStory);
  const duplicateStory = useStore((s) => s.duplicateStory);
  const openExportDialog = useStore((s) => s.openExportDialog);
  return (
    <div className="story-card-actions">
      <button
        ref={renameButtonRef}
        type="button"
        className="icon-button"
        aria-label={`Rename ${title}`}
        title="Rename"
        onClick={onRename}
      >
        <PencilIcon size={15} />
      </button>
      <button
        type="button"
        className="icon-button"
        aria-label={`Export ${title}…`}
        title="Export…"
        onClick={() => openExportDialog(storyId)}
      >
        <ExportIcon size={15} />
      </button>
      <button
        type="button"
        className="icon-button"
        aria-label={`Duplicate ${title}`}
        title="Duplicate"
        onClick={() => void duplicateStory(storyId)}
      >
        <CopyIcon size={15} />
      </button>
      <button
        type="button"
        className="icon-button danger"
        aria-label={`Delete ${title}`}
        title="Delete"
        onClick={() => void deleteStory(storyId)}
      >
        <TrashIcon size={15} />
      </button>
    </div>
  );
}

/** A story in the library: open it (the card), or rename, export, duplicate, delete it. */
const StoryCard = memo(function StoryCard({ storyId }: { storyId: string }) {
  const story = useStore((s) => s.stories.find((x) => x.id === storyId));
  const openStory = useStore((s) => s.openStory);
  const renameStory = useStore((s) => s.renameStory);
  const [renaming, setRenaming] = useState<string | null>(null);
  const renameRef = useRef<HTMLInputElement>(null);
  const renameButton = useRef<HTMLButtonElement>(null);
  const isRenaming = renaming !== null;

  useEffect(() => {
    if (isRenaming) renameRef.current?.select();
  }, [isRenaming]);

  if (!story) return null;

  const finishRename = async (save: boolean) => {
    if (renaming === null) return;
    const next = renaming;
    if (save && lengthProblem(next, LIMITS.title)) return; // kept open, with what to shorten
    setRenaming(null);
    if (save) await renameStory(storyId, next);
    requestAnimationFrame(() => renameButton.current?.focus());
  };

  return (
    <li className="story-card">
      {isRenaming ? (
        <div className="story-card-main">
          <RenameInput
            inputRef={renameRef}
            value={renaming}
            title={story.title}
            onChange={setRenaming}
            onFinish={(save) => void finishRename(save)}
          />
        </div>
      ) : (
        <button
          type="button"
          className="story-card-main"
          // Everything the card shows is in its name (axe: label-content-name-mismatch).
          aria-label={`Open ${story.title}: ${plural(story.eventCount, 'event')}, ${plural(story.beatCount, 'beat')}. Edited ${describeWhen(story.updatedAt)}`}
          onClick={() => openStory(storyId)}
        >
          <span className="story-card-title" dir="auto" title={story.title}>
            {story.title}
          </span>{' '}
          <span className="story-card-meta">
            <span>{plural(story.eventCount, 'event')}</span>
            <span aria-hidden="true">·</span>
            <span>{plural(story.beatCount, 'beat')}</span>
          </span>{' '}
          <span className="story-card-when">Edited {describeWhen(story.updatedAt)}</span>
        </button>
      )}
      <StoryCardActions
        storyId={storyId}
        title={story.title}
        renameButtonRef={renameButton}
        onRename={() => setRenaming(story.title)}
      />
    </li>
  );
});

function LibrarySkeleton() {
  return (
    <ul className="story-grid" aria-busy="true" aria-label="Loading stories">
      {[0, 1, 2].map((i) => (
        <li key={i} className="story-card skeleton-story">
          <div className="skeleton-line wide" />
          <div className="skeleton-line" />
        </li>
      ))}
    </ul>
  );
}

/** The library's title, how many stories it holds, Import and New story. */
function LibraryHead(props: { total: number; creating: boolean; onCreate: () => void }) {
  const { total, creating, onCreate } = props;
  return (
    <div className="library-head">
      <div>
        <h1>Your stories</h1>
        <p className="subtle">
          {total > 0
            ? `${plural(total, 'story', 'stories')} · plan each one as events and beats`
            : 'Plan each story as events and beats.'}
        </p>
      </div>
      <div className="library-actions">
        <ImportButton />
        {!creating && (
          <button type="button" className="button primary" onClick={onCreate}>
            <PlusIcon size={16} /> New story
          </button>
        )}
      </div>
    </div>
  );
}

interface StoriesProps {
  total: number;
  /** The stories shown, in order (those whose title matches the query). */
  storyIds: string[];
  query: string;
  creating: boolean;
  onShowAll: () => void;
  onCreate: () => void;
}

/** The story cards, or what stands in their place: an error, a skeleton, no match, none yet. */
function LibraryStories({ total, storyIds, query, creating, onShowAll, onCreate }: StoriesProps) {
  const status = useStore((s) => s.libraryStatus);
  const error = useStore((s) => s.libraryError);
  const loadLibrary = useStore((s) => s.loadLibrary);
  if (status === 'error' && total === 0) {
    return (
      <div className="empty-card" role="alert">
        <h2>Your stories could not be loaded</h2>
        <p>{error}</p>
        <button type="button" className="button primary" onClick={() => void loadLibrary()}>
          Try again
        </button>
      </div>
    );
  }
  if (total === 0 && (status === 'loading' || status === 'idle')) return <LibrarySkeleton />;
  if (total > 0 && storyIds.length === 0) {
    return (
      <p className="library-no-match" role="status">
        No story title contains “{query.trim()}”.{' '}
        <button type="button" className="link-button" onClick={onShowAll}>
          Show all stories
        </button>
      </p>
    );
  }
  if (storyIds.length === 0) {
    return creating ? null : (
      <div className="empty-card">
        <h2>No stories yet</h2>
        <p>
          Every story starts with a title. Then lay out its scenes as events and fill each with
          beats, in order.
        </p>
        <button type="button" className="button primary" onClick={onCreate}>
          <PlusIcon size={16} /> Create your first story
        </button>
      </div>
    );
  }
  return (
    <ul className="story-grid" aria-label="Stories">
      {storyIds.map((id) => (
        <StoryCard key={id} storyId={id} />
      ))}
    </ul>
  );
}

/** The library: every story as a card, found by title, sorted, created, imported. */
export function LibraryView() {
  const [view, setView] = useState(loadLibraryView);
  const changeView = (next: typeof view) => {
    setView(next);
    saveLibraryView(next);
  };
  const total = useStore((s) => s.stories.length);
  // Most recently edited first (as the cards say, "Edited 2 minutes ago"), or by title.
  const ids = useStore((s) => libraryOrder(s.stories, view.query, view.sort).join('\n'));
  const loadLibrary = useStore((s) => s.loadLibrary);
  const [creating, setCreating] = useState(false);
  const storyIds = ids ? ids.split('\n') : [];

  useEffect(() => {
    void loadLibrary();
  }, [loadLibrary]);

  return (
    <main className="library" aria-label="Library">
      <div className="library-inner">
        <LibraryHead total={total} creating={creating} onCreate={() => setCreating(true)} />
        <RestoreNotice />
        {creating && <NewStoryForm onDone={() => setCreating(false)} />}
        {total > 0 && (
          <LibraryControls
            query={view.query}
            sort={view.sort}
            onQuery={(query) => changeView({ ...view, query })}
            onSort={(sort) => changeView({ ...view, sort })}
          />
        )}
        <LibraryStories
          total={total}
          storyIds={storyIds}
          query={view.query}
          creating={creating}
          onShowAll={() => changeView({ ...view, query: '' })}
          onCreate={() => setCreating(true)}
        />
      </div>
    </main>
  );
}
