import { contextBridge, ipcRenderer } from 'electron';
import { CHANNELS } from '../core/contract/channels';
import { buildApi } from '../core/contract/api';

contextBridge.exposeInMainWorld(
  'beatline',
  buildApi(CHANNELS, (channel, input) => ipcRenderer.invoke(channel, input)),
);
