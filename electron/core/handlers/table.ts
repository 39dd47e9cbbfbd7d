import type { Channel, HostChannel } from '../contract/channels';
import { LOCAL_API_UNAVAILABLE, type ChannelOutput } from '../contract/outputs';
import type { ParsedInput } from '../contract/schemas';
import type { DatabaseHandle } from '../db/open';
import * as chronology from '../chronology';
import * as events from '../events';
import { recorded } from '../history/record';
import * as history from '../history/undo';
import { exportStory, importStoryText } from '../formats/story-files';
import { newId } from '../ids';
import * as links from '../links';
import { withCheck } from '../logic/incremental';
import { checkStoryInLibrary } from '../logic/story-check';
import * as moments from '../moments';
import { SEARCH_DEFAULT_LIMIT, searchMoments } from '../search';
import * as stories from '../stories';
import { duplicateStory } from '../story-duplicate';
import { loadStoryOutline, loadStoryTimeline } from '../timeline';

interface HandlerSpec<C extends Channel> {
  /** Writes run in an IMMEDIATE transaction, reads in a deferred one (a consistent snapshot). */
  writes: boolean;
  run: (db: DatabaseHandle, input: ParsedInput<C>) => ChannelOutput<C>;
}

/** The channels the library answers: all but the host's (health, backups, restore). */
export type LibraryChannel = Exclude<Channel, HostChannel>;

export type HandlerTable = { [C in LibraryChannel]: HandlerSpec<C> };

const read = <C extends Channel>(run: HandlerSpec<C>['run']): HandlerSpec<C> => ({
  writes: false,
  run,
});
const write = <C extends Channel>(run: HandlerSpec<C>['run']): HandlerSpec<C> => ({
  writes: true,
  run,
});

/**
 * A write that changes the writer's data: its row changes are captured and recorded as one
 * undo step in the same transaction (electron/core/history/), so it is undoable by
 * construction. Every data-changing channel is declared with this.
 */
const undoable = <C extends Channel>(channel: C, run: HandlerSpec<C>['run']): HandlerSpec<C> => ({
  writes: true,
  run: (db, input) => recorded(db, channel, input as Record<string, unknown>, () => run(db, input)),
});

/** A write that adds no link to its check scope (logic/incremental.ts). */
/** A delete: adds no link (it may remove some, and so end a loop of setups). */
const STAY = { linksStay: true };
/** A move, an offset or a mode: adds and removes no link. */
const MOVE = { linksStay: true, loopsStay: true };

/** What each channel does, in terms of the data-access modules. */
export const handlers: HandlerTable = {
  'stories:list': read((db) => stories.listStories(db)),
  'stories:get': read((db, i) => stories.getStorySummary(db, i.storyId)),
  'stories:load': read((db, i) => loadStoryTimeline(db, i.storyId)),
  'stories:outline': read((db, i) => loadStoryOutline(db, i.storyId)),
  'stories:create': undoable('stories:create', (db, i) => stories.createStory(db, i)),
  'stories:update': undoable('stories:update', (db, i) => stories.updateStory(db, i.storyId, i)),
  'stories:delete': undoable('stories:delete', (db, i) => {
    stories.deleteStory(db, i.storyId);
    return { storyId: i.storyId };
  }),
  'stories:export': read((db, i) => exportStory(db, i.storyId, i.format)),
  'stories:import': undoable('stories:import', (db, i) => importStoryText(db, i)),
  // The library (issue 16).
  'stories:duplicate': undoable('stories:duplicate', (db, i) => duplicateStory(db, i)),
  // Hosts without native dialogs (the browser host, the CLI): a download and a file picker.
  // The Electron shell answers these two itself (electron/main).
  'files:saveExport': read((db, i) => ({
    kind: 'download' as const,
    ...exportStory(db, i.storyId, i.format),
  })),
  'files:openImport': read(() => ({
    kind: 'pick' as const,
    accept: ['.beatline.json', '.json', '.md', '.markdown', '.fountain'],
  })),
  // The Local API setting (issue 17, h16): only the desktop app has one; it answers these itself.
  'localApi:state': read(() => LOCAL_API_UNAVAILABLE),
  'localApi:configure': read(() => LOCAL_API_UNAVAILABLE),
  'localApi:newToken': read(() => LOCAL_API_UNAVAILABLE),

  'events:list': read((db, i) => events.listEventsByStory(db, i.storyId)),
  'events:get': read((db, i) => events.getEvent(db, i.eventId)),
  'events:create': undoable('events:create', (db, i) => events.createEvent(db, i)),
  'events:update': undoable('events:update', (db, i) => events.updateEvent(db, i.eventId, i)),
  'events:delete': undoable('events:delete', (db, i) =>
    withCheck(
      db,
      { eventIds: [i.eventId] },
      () => {
        events.deleteEvent(db, i.eventId);
        return { eventId: i.eventId };
      },
      STAY,
    ),
  ),
  'events:move': undoable('events:move', (db, i) =>
    withCheck(
      db,
      { eventIds: [i.eventId] },
      () => events.moveEvent(db, i.eventId, i.beforeEventId),
      MOVE,
    ),
  ),

  'moments:list': read((db, i) => moments.getMomentsByEvent(db, i.eventId)),
  'moments:range': read((db, i) => moments.getMomentRange(db, i.eventId, i.offset, i.limit)),
  'moments:get': read((db, i) => moments.getMomentById(db, i.momentId)),
  'moments:create': undoable('moments:create', (db, i) => moments.createMoment(db, i)),
  'moments:update': undoable('moments:update', (db, i) => {
    const update = () => moments.updateMoment(db, i.momentId, i);
    // Only a new offset can change the story check.
    return i.timestampOffset === undefined
      ? update()
      : withCheck(db, { momentIds: [i.momentId] }, update, MOVE);
  }),
  'moments:delete': undoable('moments:delete', (db, i) =>
    withCheck(
      db,
      { momentIds: [i.momentId] },
      () => {
        moments.deleteMoment(db, i.momentId);
        return { momentId: i.momentId };
      },
      STAY,
    ),
  ),
  'moments:move': undoable('moments:move', (db, i) =>
    withCheck(db, { momentIds: [i.momentId] }, () => moments.moveMoment(db, i.momentId, i), MOVE),
  ),
  // Board navigation (issue 16).
  'moments:search': read((db, i) =>
    searchMoments(db, i.storyId, i.query, i.limit ?? SEARCH_DEFAULT_LIMIT, i.eventTitles),
  ),

  // Logic layer (issue 14): links, story time, the story check. Writes that can change the
  // check's answer run inside withCheck, which puts what they created and resolved on the Result.
  'links:list': read((db, i) => links.listLinks(db, i.storyId)),
  'links:create': undoable('links:create', (db, i) => {
    const linkId = i.linkId ?? newId();
    return withCheck(db, { linkIds: [linkId] }, () => links.createLink(db, { ...i, linkId }));
  }),
  'links:update': undoable('links:update', (db, i) =>
    withCheck(db, { linkIds: [i.linkId] }, () => links.updateLink(db, i.linkId, i)),
  ),
  'links:delete': undoable('links:delete', (db, i) =>
    withCheck(db, { linkIds: [i.linkId] }, () => {
      links.deleteLink(db, i.linkId);
      return { linkId: i.linkId };
    }),
  ),
  'events:chronology': read((db, i) => chronology.listChronology(db, i.storyId)),
  'events:setStoryTime': undoable('events:setStoryTime', (db, i) => {
    const set = () => chronology.setStoryTime(db, i.eventId, i);
    return i.mode === undefined ? set() : withCheck(db, { eventIds: [i.eventId] }, set, MOVE);
  }),
  'events:moveInChronology': undoable('events:moveInChronology', (db, i) =>
    withCheck(
      db,
      { eventIds: [i.eventId] },
      () => chronology.moveInChronology(db, i.eventId, i.beforeEventId),
      MOVE,
    ),
  ),
  'stories:check': read((db, i) => checkStoryInLibrary(db, i.storyId)),

  // Undo history in the library (issue 12): undo and redo are not steps themselves.
  'history:state': read((db, i) => history.historyState(db, i.storyId)),
  'history:undo': write((db, i) => history.undo(db, i.storyId)),
  'history:redo': write((db, i) => history.redo(db, i.storyId)),

  // Bulk (issue 17, h44): every beat in the one transaction and undo step of the request.
  'moments:createMany': undoable('moments:createMany', (db, i) =>
    i.moments.map((m) =>
      moments.createMoment(db, { ...m, eventId: i.eventId, beforeMomentId: i.beforeMomentId }),
    ),
  ),
};
