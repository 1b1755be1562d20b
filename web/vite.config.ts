import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

// Run from the repository root: `npx vite build --config web/vite.config.ts`.
// The root is this folder whatever the working directory is.
const webRoot = fileURLToPath(new URL('.', import.meta.url));
// `npm run dev` serves the API on :3000; PD_API_URL points the dev proxy elsewhere.
const apiServer = process.env.PD_API_URL ?? 'http://127.0.0.1:3000';

/**
 * Writes a brotli (.br) and a gzip (.gz) copy beside every text file of the build, at the highest
 * levels once, so the server sends them as they are (@fastify/static preCompressed) instead of
 * compressing on every request or not at all: the console's first load is ~1.5 MB of JavaScript
 * uncompressed and ~0.4 MB as brotli.
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'parceldesk-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      const walk = (dir: string): string[] =>
        readdirSync(dir).flatMap((name) => {
          const file = path.join(dir, name);
          return statSync(file).isDirectory() ? walk(file) : [file];
        });
      for (const file of walk(outDir)) {
        if (!/\.(js|css|html|svg|json)$/.test(file) || statSync(file).size < 1024) continue;
        const body = readFileSync(file);
        writeFileSync(`${file}.br`, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
        writeFileSync(`${file}.gz`, gzipSync(body, { level: 9 }));
      }
    },
  };
}

export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [react(), precompress()],
  server: {
    proxy: {
      '/api': apiServer,
      '/docs': apiServer,
      '/healthz': apiServer,
    },
  },
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        // Libraries change far less often than the console: keep them in their own
        // long-cached chunks. Higher priority wins when a module matches several groups.
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|react-router|react-router-dom|scheduler)[\\/]/,
              priority: 30,
            },
            { name: 'antd-icons', test: /node_modules[\\/]@ant-design[\\/]icons/, priority: 25 },
            // Only the exceptions board draws charts: ECharts stays out of every other page's load.
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/, priority: 25 },
            {
              name: 'antd',
              test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[a-z-]+|dayjs)[\\/]/,
              priority: 20,
            },
            { name: 'vendor', test: /node_modules[\\/]/, priority: 10 },
          ],
        },
      },
    },
  },
});
