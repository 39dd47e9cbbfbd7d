import type { Channel } from './channels';
import type {
  HistoryOutcome,
  HistoryState,
  BeatLink,
  BeatSearchResult,
  Moment,
  MomentWithPlace,
  MomentRange,
  Story,
  StoryCheckReport,
  StoryEvent,
  StoryOutline,
  StoryTime,
  StorySummary,
  StoryTimeline,
} from './types';

/** The value type each channel answers with (inside `{ ok: true, value }`). */
export interface ChannelOutputs {
  'stories:list': StorySummary[];
  /** The story with its event and beat counts now (what the delete dialog shows). */
  'stories:get': StorySummary;
  'stories:load': StoryTimeline;
  /** The story's events in order with their beat counts, without the beats. */
  'stories:outline': StoryOutline;
  'stories:create': Story;
  'stories:update': Story;
  'stories:delete': { storyId: string };
  'stories:export': ExportedStoryFile;
  /** The new story, with the counts of what was imported. */
  'stories:import': StorySummary;
  // The library (issue 16).
  'stories:duplicate': StorySummary;
  'events:list': StoryEvent[];
  'events:get': StoryEvent;
  'events:create': StoryEvent;
  'events:update': StoryEvent;
  'events:delete': { eventId: string };
  /** The moved event as written, its new sort key included. */
  'events:move': StoryEvent;
  'moments:list': Moment[];
  'moments:range': MomentRange;
  'moments:get': MomentWithPlace;
  'moments:create': Moment;
  'moments:update': Moment;
  'moments:delete': { momentId: string };
  /** The moved beat as written: its event and its new sort key. */
  'moments:move': Moment;
  // Board navigation (issue 16).
  'moments:search': BeatSearchResult;
  // Undo history in the library (issue 12).
  'history:state': HistoryState;
  'history:undo': HistoryOutcome;
  'history:redo': HistoryOutcome;
  // Logic layer (issue 14). Writes that can change the check also answer `check` on the Result.
  /** The story's links, oldest first. */
  'links:list': BeatLink[];
  'links:create': BeatLink;
  'links:update': BeatLink;
  'links:delete': { linkId: string };
  /** The story's events in story time (chronological order). */
  'events:chronology': StoryTime[];
  'events:setStoryTime': StoryTime;
  /** The story's events in their new story-time order. */
  'events:moveInChronology': StoryTime[];
  'stories:check': StoryCheckReport;
  'files:saveExport': SaveExportOutcome;
  'files:openImport': OpenImportOutcome;
  'library:health': LibraryHealthReport;
  /** Newest first. */
  'backups:list': BackupInfo[];
  'backups:create': BackupInfo;
  'backups:restore': RestoreOutcome;
  // Recovery "Reopen the library" (issue 13, h35).
  'library:reopen': ReopenOutcome;
  // The desktop app's Local API setting (issue 17, h16).
  'localApi:state': LocalApiState;
  'localApi:configure': LocalApiState;
  'localApi:newToken': LocalApiState;
  // Bulk (issue 17, h44).
  'moments:createMany': Moment[];
}

/**
 * The Local API setting as the Settings dialog shows it. Hosts without one (the browser host,
 * the CLI) answer `available: false` and nothing else changes.
 */
export interface LocalApiState {
  /** False where there is no local API to turn on (only the desktop app has one). */
  available: boolean;
  /** The writer's choice (off by default). */
  enabled: boolean;
  /** The port the writer chose (0: any free port). */
  port: number;
  /** Where the API answers now (`http://127.0.0.1:PORT`), or null while it is off. */
  url: string | null;
  /** The token requests must carry, while the API is on (null while off). */
  token: string | null;
  /** Why the API is not running although it is on (the port is taken), or null. */
  problem: string | null;
}

/** What a host without a local API answers to the `localApi:*` channels. */
export const LOCAL_API_UNAVAILABLE: LocalApiState = {
  available: false,
  enabled: false,
  port: 0,
  url: null,
  token: null,
  problem: null,
};

/** A story rendered as a file (`stories:export`), for the renderer to save or download. */
export interface ExportedStoryFile {
  /** A safe name from the story title plus the format's extension: `My Story.beatline.json`. */
  fileName: string;
  mimeType: string;
  /** `utf8`: `content` is the text; `base64`: `content` is the file's bytes in base64 (DOCX). */
  encoding: 'utf8' | 'base64';
  content: string;
}

/**
 * `saved`: the host wrote the file where the writer chose (Electron's save dialog);
 * `cancelled`: the writer closed the dialog; `download`: the host cannot show a dialog, so
 * the renderer offers the file as a download.
 */
export type SaveExportOutcome =
  | { kind: 'saved'; fileName: string; path: string }
  | { kind: 'cancelled' }
  | ({ kind: 'download' } & ExportedStoryFile);

/**
 * `imported`: the host showed its open dialog and imported the file; `cancelled`: the writer
 * closed the dialog; `pick`: the host has no dialog, so the renderer shows a file picker
 * (accepting `accept`) and calls `stories:import` with the file's text.
 */
export type OpenImportOutcome =
  | { kind: 'imported'; story: StorySummary }
  | { kind: 'cancelled' }
  | { kind: 'pick'; accept: string[] };

/** What made a backup. Only `auto` and `quit` backups are pruned by the retention rule. */
export type BackupKind = 'auto' | 'quit' | 'manual' | 'pre-migration' | 'before-restore';

/** One backup of the library, as the Backups screen lists it (no file paths). */
export interface BackupInfo {
  /** The backup's file name: what `backups:restore` takes. */
  id: string;
  /** When it was taken, ISO 8601 UTC. */
  createdAt: string;
  kind: BackupKind;
  sizeBytes: number;
  /** False when the copy cannot be read as a Beatline library (the counts are then null). */
  readable: boolean;
  schemaVersion: number | null;
  storyCount: number | null;
  eventCount: number | null;
  beatCount: number | null;
}

/**
 * How the library file looked at startup. `ok` and `missing` (a new library) open normally;
 * every other kind leaves the file untouched and the app in recovery mode.
 */
export type LibraryFileKind =
  | 'ok'
  | 'missing'
  | 'empty'
  | 'not_a_database'
  | 'truncated'
  | 'corrupt'
  | 'unreadable'
  // Library file safety (issue 13): refused untouched, never called damaged.
  /** Another application's SQLite database. */
  | 'foreign'
  /** A library made by a newer Beatline. */
  | 'newer'
  /** The open library's file was moved, replaced or deleted underneath it. */
  | 'replaced';

export interface LibraryHealthReport {
  /** `ok`: the library is open. `damaged`: it was not opened; offer `newestGoodBackup`. */
  status: 'ok' | 'damaged';
  kind: LibraryFileKind;
  /** One plain sentence for the writer. */
  message: string;
  /** The library's file name (not its folder). */
  fileName: string;
  /**
   * Stands for the library's path without naming it (a hash of it): what a page keeps for one
   * library (typing kept when it closed) is kept under it, so another library never offers it.
   */
  libraryKey: string;
  /** The newest backup that passes SQLite's check, or null when there is none. */
  newestGoodBackup: BackupInfo | null;
  /** Library file safety (issue 13): `read_only` when the file or its folder is not writable. */
  access: 'read_write' | 'read_only';
}

/** The answer to `backups:restore`. */
export interface RestoreOutcome {
  /** The backup now in use. */
  restored: BackupInfo;
  /**
   * The library as it was just before the restore, kept as a backup: restore it to undo.
   * For a damaged library this is the damaged file itself, moved aside unchanged.
   */
  setAside: BackupInfo | null;
  health: LibraryHealthReport;
}

// Recovery "Reopen the library" (issue 13, h35).

/** The answer to `library:reopen`: what the startup checks made of the file now at the path. */
export interface ReopenOutcome {
  /**
   * `reopened`: the library at the path is open. `refused`: the file there failed the startup
   * checks (damaged, another application's, newer) and was left untouched. `missing`: there is
   * no file at the path and nothing was created (ask again with `ifMissing: 'create'`).
   */
  outcome: 'reopened' | 'refused' | 'missing';
  health: LibraryHealthReport;
}

export type ChannelOutput<C extends Channel> = ChannelOutputs[C];

// Compile-time check that every channel has an output type and nothing else does.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _outputsCoverChannels: Exact<keyof ChannelOutputs, Channel> = true;
void _outputsCoverChannels;
