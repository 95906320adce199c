import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';

const uiRoot = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(uiRoot, '../..');

// Admin console (chat simulator). Built into admin/ui/dist and served by the bot's HTTP server.
export default defineConfig({
  root: uiRoot,
  base: '/',
  plugins: [preact()],
  build: {
    outDir: path.join(uiRoot, 'dist'),
    emptyOutDir: true,
  },
  server: {
    // The UI imports locales/*/console.json from the repo root.
    fs: { allow: [repoRoot] },
  },
});
