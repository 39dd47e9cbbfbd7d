import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { installBridge } from './api/bridge';
import { App } from './components/App';
import { useStore } from './store';
import { installDraftFlushOnClose } from './store/drafts';
import { columnsAtOpen } from './virtual/layout';
import './styles/app.css';

installDraftFlushOnClose(installBridge());
// A reload that comes back to a story reads it before the first render, with the first beats
// of the columns the board shows at that story's widths.
useStore.getState().setColumnsAtOpen(columnsAtOpen);
useStore.getState().resumeStory();

const root = document.getElementById('root');
if (!root) throw new Error('Beatline: #root is missing from index.html');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
