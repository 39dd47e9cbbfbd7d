import { useStore } from '../store';
import { AlertIcon, CloseIcon } from './icons';

/** Non-blocking messages, bottom right: errors say why a change was refused. */
export function Toasts() {
  const toasts = useStore((s) => s.toasts);
  const dismiss = useStore((s) => s.dismissToast);
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
