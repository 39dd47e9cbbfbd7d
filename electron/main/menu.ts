/** What a menu item asks the renderer to do (it listens for `beatline:command` events). */
export type RendererCommand =
  'undo' | 'redo' | 'export' | 'import' | 'backups' | 'shortcuts' | 'settings';

export interface MenuItemSpec {
  label?: string;
  role?: string;
  type?: 'separator';
  accelerator?: string;
  /** False: shown in the menu, but the keystroke goes to the page (text fields keep their own undo). */
  registerAccelerator?: boolean;
  click?: () => void;
  submenu?: MenuItemSpec[];
}

/** The script that hands a command to the renderer: a DOM event, no extra preload API. */
export function commandScript(command: RendererCommand): string {
  return `window.dispatchEvent(new CustomEvent('beatline:command', { detail: ${JSON.stringify(command)} }))`;
}

/**
 * The application menu. App commands are sent to the renderer, which owns undo history and
 * dialogs; their shortcuts are handled by the page itself, so the menu only shows them.
 */
export function menuTemplate(
  send: (command: RendererCommand) => void,
  platform: NodeJS.Platform = process.platform,
  isDev = false,
): MenuItemSpec[] {
  const command = (label: string, cmd: RendererCommand, accelerator?: string): MenuItemSpec => ({
    label,
    accelerator,
    registerAccelerator: false,
    click: () => send(cmd),
  });
  const separator: MenuItemSpec = { type: 'separator' };
  const mac = platform === 'darwin';
  return [
    ...(mac ? [{ role: 'appMenu' }] : []),
    {
      label: '&File',
      submenu: [
        command('Import Story…', 'import', 'CmdOrCtrl+O'),
        command('Export Story…', 'export', 'CmdOrCtrl+E'),
        separator,
        command('Backups…', 'backups'),
        command('Settings…', 'settings', 'CmdOrCtrl+,'),
        separator,
        mac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: '&Edit',
      submenu: [
        command('Undo', 'undo', 'CmdOrCtrl+Z'),
        command('Redo', 'redo', mac ? 'Shift+Cmd+Z' : 'Ctrl+Y'),
        separator,
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    {
      label: '&View',
      submenu: [
        ...(isDev ? [{ role: 'reload' }, { role: 'toggleDevTools' }, separator] : []),
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        separator,
        { role: 'togglefullscreen' },
      ],
    },
    { label: '&Help', submenu: [command('Keyboard Shortcuts', 'shortcuts', 'Shift+/')] },
  ];
}
