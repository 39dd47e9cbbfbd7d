import { useShallow } from 'zustand/react/shallow';
import { useKeyboardDrag } from '../drag/keyboardInput';
import { usePointerDrag } from '../drag/pointer';
import { formatOffset } from '../lib/offset';
import { useStore } from '../store';
import { plural } from '../lib/text';
import { GripIcon } from './icons';
import { EMPTY_BEAT, eventName } from '../../../electron/core/names';

/**
 * The copy of a beat or an event header that follows the pointer during a drag. It owns the
 * drags: the pointer session and the ghost live here, and keys reach a keyboard drag here.
 */
export function DragOverlay() {
  const ghostRef = usePointerDrag();
  useKeyboardDrag();
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
    <div className="drag-ghost" ref={ghostRef} aria-hidden="true">
      {beat && (
        <div className="beat is-ghost">
          <GripIcon size={14} className="ghost-grip" />
          <p className={`beat-text ${beat.description ? '' : 'is-placeholder'}`} dir="auto">
            {beat.description || EMPTY_BEAT}
          </p>
          {beat.timestampOffset !== null && (
            <span className="offset-chip">{formatOffset(beat.timestampOffset)}</span>
          )}
        </div>
      )}
      {event && (
        <div className="event-ghost">
          <GripIcon size={14} />
          <strong>{eventName(event.title)}</strong>
          <span>{plural(beatCount, 'beat')}</span>
        </div>
      )}
    </div>
  );
}
