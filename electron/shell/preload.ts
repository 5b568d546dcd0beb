/**
 * The preload, run sandboxed (only `electron`'s renderer modules are available) in an isolated world. It
 * exposes exactly one object, `window.sencoDesk` (typed in shared/desktop-api.ts), and never ipcRenderer.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createDesktopApi } from './preload-api';

contextBridge.exposeInMainWorld(
  'sencoDesk',
  createDesktopApi(
    (channel, ...args) => ipcRenderer.invoke(channel, ...args),
    process.argv,
    (channel, listener) => {
      // The page gets the payload only, never the IpcRendererEvent (which carries the sender).
      const handler = (_event: unknown, payload: unknown) => listener(payload);
      ipcRenderer.on(channel, handler);
      return () => void ipcRenderer.removeListener(channel, handler);
    },
  ),
);
