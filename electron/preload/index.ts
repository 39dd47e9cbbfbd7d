import { contextBridge, ipcRenderer } from 'electron';
import { CHANNELS } from '../core/contract/channels';
import {
  buildApi,
  firingConflicts,
  CHANGE_NOTICE_EVENT,
  FLUSH_DONE_EVENT,
  FLUSH_REQUEST_EVENT,
  IMPORT_PROGRESS_EVENT,
  type BeatlineBridge,
  type ChangeNotice,
} from '../core/contract/api';

const flushHandlers = new Set<() => Promise<boolean | void>>();

// The main process asks before the window closes; the answer names the request it answers, and
// says (true) when a handler left text the library refused: the window asks the writer first.
ipcRenderer.on(FLUSH_REQUEST_EVENT, (_event, id: unknown) => {
  void Promise.allSettled([...flushHandlers].map((handler) => handler())).then((results) => {
    const unsaved = results.some((r) => r.status === 'fulfilled' && r.value === true);
    ipcRenderer.send(FLUSH_DONE_EVENT, id, unsaved);
  });
});

const bridge: BeatlineBridge = Object.assign(
  buildApi(
    CHANNELS,
    // The page's window (the DOM is shared across the isolated worlds): the page hears it.
    firingConflicts(
      (channel, input) => ipcRenderer.invoke(channel, input),
      globalThis as unknown as EventTarget,
    ),
  ),
  {
    subscribe(listener: (notice: ChangeNotice) => void) {
      const onNotice = (_event: unknown, notice: { seq?: unknown } | null) => {
        listener({ seq: typeof notice?.seq === 'number' ? notice.seq : 0 });
      };
      ipcRenderer.on(CHANGE_NOTICE_EVENT, onNotice);
      return () => {
        ipcRenderer.removeListener(CHANGE_NOTICE_EVENT, onNotice);
      };
    },
    onFlushRequest(handler: () => Promise<boolean | void>) {
      flushHandlers.add(handler);
      return () => {
        flushHandlers.delete(handler);
      };
    },
    onImportProgress(listener: (fraction: number) => void) {
      const onProgress = (_event: unknown, fraction: unknown) => {
        if (typeof fraction === 'number' && fraction >= 0 && fraction <= 1) listener(fraction);
      };
      ipcRenderer.on(IMPORT_PROGRESS_EVENT, onProgress);
      return () => {
        ipcRenderer.removeListener(IMPORT_PROGRESS_EVENT, onProgress);
      };
    },
  },
);

contextBridge.exposeInMainWorld('beatline', bridge);
