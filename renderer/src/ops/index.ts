import type { LocalChange, OpContext, OpModule } from './context';
import { createBeat, type CreateBeat } from './createBeat';
import { createEvent, type CreateEvent } from './createEvent';
import { deleteBeat, type DeleteBeat } from './deleteBeat';
import { deleteEvent, type DeleteEvent } from './deleteEvent';
import { moveBeat, type MoveBeat } from './moveBeat';
import { moveEvent, type MoveEvent } from './moveEvent';
import {
  createStory,
  deleteStory,
  duplicateStory,
  renameStory,
  type CreateStory,
  type DeleteStory,
  type DuplicateStory,
  type RenameStory,
} from './stories';

/** Everything the writer can do to the data outside typing (typed text: `useAutosaveText`). */
export type Op =
  | CreateBeat
  | DeleteBeat
  | MoveBeat
  | CreateEvent
  | DeleteEvent
  | MoveEvent
  | CreateStory
  | DeleteStory
  | DuplicateStory
  | RenameStory;

const MODULES: { [K in Op['t']]: OpModule<Extract<Op, { t: K }>> } = {
  'moment.create': createBeat,
  'moment.delete': deleteBeat,
  'moment.move': moveBeat,
  'event.create': createEvent,
  'event.delete': deleteEvent,
  'event.move': moveEvent,
  'story.create': createStory,
  'story.delete': deleteStory,
  'story.rename': renameStory,
  'story.duplicate': duplicateStory,
};

/** The module that says how `op` changes the screen and what it asks the library. */
export function opModule<O extends Op>(op: O): OpModule<O> {
  return MODULES[op.t] as unknown as OpModule<O>;
}

export type { LocalChange, OpContext };
