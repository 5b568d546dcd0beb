/**
 * Builds the renderer into dist/renderer with a relative base ('./'), so the same files load from the Electron
 * `app://` protocol and from the loopback test host. Nothing is fetched at run time from elsewhere: the CSP
 * (shared/csp.ts) forbids inline scripts, eval and remote content, and the Roboto font is bundled.
 */
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    // Vite's module preload polyfill is an inline script, which the CSP refuses.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 900,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            {
              name: 'mui',
              test: /node_modules[\\/](@mui[\\/](material|system|styled-engine|utils|private-theming|core-downloads-tracker)|@emotion)/,
            },
            { name: 'pickers', test: /node_modules[\\/](@mui[\\/]x-date-pickers|date-fns)/ },
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom)[\\/]/ },
          ],
        },
      },
    },
  },
});
