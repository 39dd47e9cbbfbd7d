import type { Slice } from './types';

/** The Settings dialog (issue 17): opened from the top bar, the app menu or Ctrl+,. */
export interface SettingsSlice {
  settingsOpen: boolean;
  openSettings(): void;
  closeSettings(): void;
}

export const createSettingsSlice: Slice<SettingsSlice> = (set) => ({
  settingsOpen: false,
  openSettings: () => set({ settingsOpen: true }),
  closeSettings: () => set({ settingsOpen: false }),
});
