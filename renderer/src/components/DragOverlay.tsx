import { useShallow } from 'zustand/react/shallow';
import { registerGhost } from '../drag/controller';
import { formatOffset } from '../lib/offset';
import { useStore } from '../store';
import { plural } from '../lib/text';
import { GripIcon } from './icons';

/** The copy of a beat or an event header that follows the pointer during a drag. */
export function DragOverlay() {
  const drag = useStore(
    useShallow((s) => (s.drag?.mode === 'pointer' ? { kind: s.drag.kind, id: s.drag.id } : null)),
  );
  const beat = useStore((s) =>
    drag?.kind === 'moment' ? s.timeline?.moments[drag.id] : undefined,
  );
  const event = useStore((s) => (drag?.kind === 'event' ? s.timeline?.events[drag.id] : undefined));
  const beatCount = useStore((s) =>
    drag?.kind === 'event' ? (s.timeline?.momentIds[drag.id]?.length ?? 0) : 0,
  );
  if (!drag) return null;
  return (
    <div className="drag-ghost" ref={registerGhost} aria-hidden="true">
      {beat && (
        <div className="beat is-ghost">
          <GripIcon size={14} className="ghost-grip" />
          <p className={`beat-text ${beat.description ? '' : 'is-placeholder'}`} dir="auto">
            {beat.description || 'Empty beat'}
          </p>
          {beat.timestampOffset !== null && (
            <span className="offset-chip">{formatOffset(beat.timestampOffset)}</span>
          )}
        </div>
      )}
      {event && (
        <div className="event-ghost">
          <GripIcon size={14} />
          <strong>{event.title.trim() || 'Untitled event'}</strong>
          <span>{plural(beatCount, 'beat')}</span>
        </div>
      )}
    </div>
  );
}
