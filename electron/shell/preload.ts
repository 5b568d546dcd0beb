/**
 * The preload, run sandboxed (only `electron`'s renderer modules are available) in an isolated world. It
 * exposes exactly one object, `window.sencoDesk` (typed in shared/desktop-api.ts), and never ipcRenderer.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createDesktopApi } from './preload-api';

contextBridge.exposeInMainWorld(
  'sencoDesk',
  createDesktopApi((channel, ...args) => ipcRenderer.invoke(channel, ...args), process.argv, {
    on: (channel, listener) => void ipcRenderer.on(channel, listener),
    removeListener: (channel, listener) => void ipcRenderer.removeListener(channel, listener),
  }),
);
