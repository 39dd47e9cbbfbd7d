// The window's side of a simulated-Electron run, as typed test code: a scenario module in
// tests/electron/scenarios/ default-exports a `Scenario`; tests/electron/fixtures/fake-electron.mjs
// imports it in the app's process (Node strips the types) once the window has loaded, hands it
// a `ScenarioContext`, and writes what it returns into the report for the test's assertions.
// Scenario modules import only types (and Node built-ins): they run without a bundler.

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

/** What the simulated Electron offers a scenario. */
export interface ScenarioContext {
  /** What app.getPath('userData') answers: the app's data folder. */
  userData: string;
  /**
   * Calls a channel as the window's page would (`ipcRenderer.invoke`), from its main frame or
   * from a subframe (refused). Resolves with the handler's answer, `{ threw }` when it threw or
   * rejected, or `{ missingHandler }`.
   */
  call(channel: string, input?: unknown, from?: 'window' | 'subframe'): Promise<unknown>;
  menuItems(): MenuItemInfo[];
  /** Clicks the first menu item with this label. */
  clickMenuItem(label: string): void;
  /** The scripts the app ran in the page (menu commands arrive as DOM events). */
  executedScripts(): string[];
  answerSave(answer: DialogAnswer): void;
  answerOpen(answer: DialogAnswer): void;
  /** Everything the main process sent to the page (`webContents.send`). */
  sent(): Array<{ channel: string; args: unknown[]; at: number }>;
  sleep(ms: number): Promise<void>;
}

/** A scenario: plays the window, returns JSON-able findings; the app quits afterwards. */
export type Scenario<T> = (context: ScenarioContext) => Promise<T>;
