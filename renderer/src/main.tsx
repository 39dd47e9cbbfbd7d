import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { installBridge } from './api/bridge';
import { App } from './components/App';
import { installDraftFlushOnClose } from './store/drafts';
import './styles/app.css';

installDraftFlushOnClose(installBridge());

const root = document.getElementById('root');
if (!root) throw new Error('Beatline: #root is missing from index.html');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
