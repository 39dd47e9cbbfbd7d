import { useEffect } from 'react';
import { useStore } from '../store';
import { AlertIcon, CloseIcon } from './icons';

/**
 * Escape, when nothing else takes it (no dialog, no field, no drag), dismisses the newest
 * message: a key listener on the window, after every other handler has had its turn.
 */
function useEscapeDismisses(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      if (document.querySelector('dialog[open]')) return;
      if ((e.target as Element | null)?.closest?.('input, textarea, select')) return;
      const { toasts, dismissToast, drag } = useStore.getState();
      const newest = toasts[toasts.length - 1];
      if (!newest || drag) return;
      dismissToast(newest.id);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

/**
 * Non-blocking messages, bottom right: errors say why a change was refused and stay until
 * dismissed (× or Escape); other messages go by themselves.
 */
export function Toasts() {
  const toasts = useStore((s) => s.toasts);
  const dismiss = useStore((s) => s.dismissToast);
  useEscapeDismisses();
  return (
    <div className="toasts" role="region" aria-label="Notifications">
      <div role="status" aria-live="polite" className="toast-stack">
        {toasts.map((t) => (
          <div key={t.id} className={`toast ${t.kind}`}>
            {t.kind === 'error' && <AlertIcon size={16} />}
            <span className="toast-message">
              {t.message}
              {t.detail && <code className="toast-detail">{t.detail}</code>}
            </span>
            {t.action && (
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  t.action?.run();
                  dismiss(t.id);
                }}
              >
                {t.action.label}
              </button>
            )}
            <button
              type="button"
              className="icon-button small"
              aria-label="Dismiss"
              title="Dismiss (Escape)"
              onClick={() => dismiss(t.id)}
            >
              <CloseIcon size={14} />
            </button>
          </div>
        ))}
      </div>
    </div>
  );
}
