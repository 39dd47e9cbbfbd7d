import { useEffect, useRef } from 'react';
import type { ReactNode } from 'react';
import { useStore } from '../store';
import { isMac, MOD } from './TopBar';

/** A native modal dialog: focus is trapped, Escape closes it, the page behind is inert. */
export function Modal({
  labelledBy,
  onClose,
  children,
  role,
  className,
}: {
  labelledBy: string;
  onClose: () => void;
  children: ReactNode;
  role?: 'alertdialog';
  className?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const returnTo = document.activeElement as HTMLElement | null;
    dialog.showModal();
    // A dialog may name where the focus starts (React's autoFocus runs before showModal).
    dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    return () => {
      dialog.close();
      if (returnTo?.isConnected) returnTo.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className={className ? `modal ${className}` : 'modal'}
      role={role}
      aria-labelledby={labelledBy}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onClick={(e) => {
        if (e.target === e.currentTarget) onClose();
      }}
    >
      <div className="modal-body">{children}</div>
    </dialog>
  );
}

export function ConfirmDialog() {
  const request = useStore((s) => s.confirmRequest);
  if (!request) return null;
  return (
    <Modal labelledBy="confirm-title" role="alertdialog" onClose={() => request.resolve(false)}>
      <h2 id="confirm-title">{request.title}</h2>
      <p>{request.body}</p>
      <div className="modal-actions">
        <button type="button" className="button" onClick={() => request.resolve(false)}>
          Cancel
        </button>
        <button
          type="button"
          className={`button ${request.tone ?? 'danger'}`}
          // The destructive choice is undoable, so it may take the focus.
          autoFocus
          onClick={() => request.resolve(true)}
        >
          {request.confirmLabel}
        </button>
      </div>
    </Modal>
  );
}

/** Keys, where they apply ('' anywhere), what they do. */
const SHORTCUTS: [string, string, string][] = [
  [`${MOD}Z`, '', 'Undo'],
  [isMac ? '⇧⌘Z' : 'Ctrl+Shift+Z or Ctrl+Y', '', 'Redo'],
  ['Tab / Shift+Tab', '', 'Move between beats, fields and buttons'],
  ['Arrow keys', 'on a beat', 'Focus the beat above, below, left or right'],
  ['Enter or F2', 'on a beat', 'Edit the beat’s text (a click puts the caret where you click)'],
  ['Enter', 'in a beat’s text', 'Save it and start the next beat, wherever the caret is'],
  ['Shift+Enter', 'in a beat’s text', 'New line inside the beat'],
  ['Enter', 'in a title or a time', 'Save it and move on (a time: to the next beat’s time)'],
  [
    'Escape',
    'while editing',
    'Leave the text; what you typed is kept (a new beat left empty is removed, undoable)',
  ],
  ['Space', 'on a beat', 'Pick it up; arrows move it; Space drops; Escape cancels'],
  ['Space', 'on an event’s handle', 'Pick the event up; ← → move it; Space drops'],
  ['Delete', 'on a beat', 'Delete the beat (undoable)'],
  ['L', 'on a beat', 'Link… the beat to another: find it, choose causes / sets up / precedes'],
  [
    'Space',
    'on an event’s grip in Chronology',
    'Pick it up; ↑ ↓ move it in story time; Space drops',
  ],
  ['Escape', 'not in a field', 'Dismiss the newest message'],
  [`${MOD}E`, '', 'Export the story (or choose one in the library)'],
  [`${MOD}O`, '', 'Import a story file'],
  // Board navigation (issue 16).
  [
    `${MOD}F`,
    '',
    'Search the story’s beats (Enter or ↓ / Shift+Enter or ↑: next / previous match)',
  ],
  [`${MOD}G`, '', 'Go to an event'],
  [isMac ? '⇧⌘O' : 'Ctrl+Shift+O', '', 'Zoomed-out overview on or off'],
  ['Shift+wheel', '', 'Scroll the timeline sideways'],
  [`${MOD},`, '', 'Settings (the Local API)'],
  ['?', '', 'Show this list'],
];

export function HelpDialog() {
  const show = useStore((s) => s.showHelp);
  const setShowHelp = useStore((s) => s.setShowHelp);
  if (!show) return null;
  return (
    <Modal labelledBy="help-title" onClose={() => setShowHelp(false)}>
      <h2 id="help-title">Keyboard shortcuts</h2>
      {/* The list scrolls in a short window: a region reached by Tab, so keys scroll it. */}
      <div className="shortcuts" role="region" aria-label="Shortcuts" tabIndex={0}>
        <dl>
          {SHORTCUTS.map(([keys, where, what]) => (
            <div key={`${keys} ${where}`} className="shortcut">
              <dt>
                <kbd>{keys}</kbd>
                {where && <span className="shortcut-where"> {where}</span>}
              </dt>
              <dd>{what}</dd>
            </div>
          ))}
        </dl>
      </div>
      <div className="modal-actions">
        <button
          type="button"
          className="button primary"
          // After showModal, which would focus the list (it scrolls, so it takes the focus).
          data-autofocus
          onClick={() => setShowHelp(false)}
        >
          Done
        </button>
      </div>
    </Modal>
  );
}
