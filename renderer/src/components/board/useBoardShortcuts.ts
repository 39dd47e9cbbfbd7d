import { useEffect } from 'react';
import { useStore } from '../../store';
import { useBoardNav } from './boardNav';
import { toggleOverview } from './navigate';

/** The board's shortcuts, while a story is open: Ctrl/Cmd+F, Ctrl/Cmd+G, Ctrl/Cmd+Shift+O. */
export function useBoardShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      const { drag, confirmRequest, showHelp, exportDialog } = useStore.getState();
      const nav = useBoardNav.getState();
      if (drag || confirmRequest || showHelp || exportDialog || nav.goToOpen) return;
      const mod = e.ctrlKey || e.metaKey;
      if (mod && !e.altKey && !e.shiftKey && e.code === 'KeyF') {
        e.preventDefault();
        if (nav.searchOpen)
          document.querySelector<HTMLInputElement>('.board-search-input')?.select();
        else nav.setSearchOpen(true);
      } else if (mod && !e.altKey && !e.shiftKey && e.code === 'KeyG') {
        e.preventDefault();
        nav.setGoToOpen(true);
      } else if (mod && !e.altKey && e.shiftKey && e.code === 'KeyO') {
        e.preventDefault();
        toggleOverview();
      } else if (e.key === 'Escape' && nav.overview && !e.defaultPrevented) {
        e.preventDefault();
        toggleOverview(false);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
