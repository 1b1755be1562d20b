import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Run from the repository root: `npx vite build --config web/vite.config.ts`.
// The root is this folder whatever the working directory is.
const webRoot = fileURLToPath(new URL('.', import.meta.url));
// `npm run dev` serves the API on :3000; PD_API_URL points the dev proxy elsewhere.
const apiServer = process.env.PD_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [react()],
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
