// The window's side of a simulated-Electron run, as typed test code: a scenario module in
// tests/electron/scenarios/ default-exports a `Scenario`; tests/electron/fixtures/fake-electron.ts
// imports it in the app's process (Node strips the types) once the window has loaded, hands it
// a `ScenarioContext`, and writes what it returns into the report for the test's assertions.
// Scenario modules import only types, Node built-ins and packages: they run without a bundler.

/** One item of the application menu as the app built it. */
export interface MenuItemInfo {
  /** The top-level menu's label (`&File`) or role (`appMenu`). */
  menu: string;
  label: string | null;
  role: string | null;
  separator: boolean;
  /** True for the app's own commands (a click handler), false for Electron's roles. */
  clickable: boolean;
}

/** What a save or open dialog answers next: a path, or a failure of the dialog itself. */
export type DialogAnswer = string | { reject: string };

/**
 * Who makes an IPC call: the window's main frame (trusted), a subframe, an event without a
 * frame, another window's page, or the main frame after it navigated to `pageAt`.
 */
export type Sender = 'window' | 'subframe' | 'noFrame' | 'otherWindow' | { pageAt: string };

/** What the app:// protocol handler answered, as the page would see it. */
export interface AppResponse {
  status?: number;
  contentType?: string | null;
  csp?: string | null;
  hasRoot?: boolean;
  bytes?: number;
  /** No handler was registered for the URL's scheme. */
  noHandler?: string;
}

/** What the simulated Electron offers a scenario. */
export interface ScenarioContext {
  /** What app.getPath('userData') answers: the app's data folder. */
  userData: string;
  /**
   * Calls a channel as the window's page would (`ipcRenderer.invoke`), from its main frame or
   * from a subframe (refused). Resolves with the handler's answer, `{ threw }` when it threw or
   * rejected, or `{ missingHandler }`.
   */
  call(channel: string, input?: unknown, from?: Sender): Promise<unknown>;
  /** The URL the window loaded. */
  pageUrl(): string;
  /** Emits the window's 'ready-to-show'; true when the app then showed the window. */
  readyToShow(): boolean;
  /** Asks the app's registered protocol handler for a URL, as the page would. */
  fetchApp(url: string, method?: string): Promise<AppResponse>;
  /** The page tries to navigate to `url`; true when the app prevented it. */
  navigate(url: string): boolean;
  /** The page tries to attach a webview; true when the app prevented it. */
  attachWebview(): boolean;
  /** The page asks for a new window (`window.open`); the app's window-open handler's answer. */
  openWindow(url: string): unknown;
  /** The page asks for a permission; what the app granted ('not called' without a handler). */
  requestPermission(name: string): unknown;
  /** Chromium checks a permission; the app's answer (null without a handler). */
  checkPermission(name: string): unknown;
  /** A second instance of the app starts; true when the app focused this window. */
  secondInstance(): boolean;
  menuItems(): MenuItemInfo[];
  /** Clicks the first menu item with this label. */
  clickMenuItem(label: string): void;
  /** The scripts the app ran in the page (menu commands arrive as DOM events). */
  executedScripts(): string[];
  answerSave(answer: DialogAnswer): void;
  answerOpen(answer: DialogAnswer): void;
  /** Everything the main process sent to the page (`webContents.send`). */
  sent(): Array<{ channel: string; args: unknown[]; at: number }>;
  /**
   * How the page answers the main process's flush request before the window closes: `reply`
   * sends `beatline:flush-done` from the window's page (or from another window's page, which
   * must not count). Without one, the page answers at once.
   */
  onFlushRequest(
    handler: (reply: (from?: 'window' | 'otherWindow', unsaved?: boolean) => void) => void,
  ): void;
  /** Queues the button the app's next message box answers (otherwise its first). */
  answerMessage(button: number): void;
  /** The writer closes the window (its close button). */
  closeWindow(): void;
  isWindowClosed(): boolean;
  /** How many message boxes the app has shown. */
  messageBoxes(): number;
  /** The page's process crashes ('render-process-gone' on its web contents). */
  crashPage(): void;
  /** Milliseconds since the simulated Electron started: the clock of `sent()[i].at`. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** A scenario: plays the window, returns JSON-able findings; the app quits afterwards. */
export type Scenario<T> = (context: ScenarioContext) => Promise<T>;
