import { defineConfig } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3200);
const browser = process.env.E2E_BROWSER;

/**
 * Real Chromium against the production build on its own port, build folder and data folder.
 * `npm test` (scripts/e2e-prepare.mjs) picks the browser and prepares the database first.
 */
export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    trace: "retain-on-failure",
    launchOptions: {
      ...(browser ? { executablePath: browser } : {}),
      args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-dev-shm-usage"],
    },
  },
  webServer: {
    command: "node scripts/start.mjs",
    url: `http://localhost:${PORT}/api/health`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      PORT: String(PORT),
      NEXT_DIST_DIR: ".next-e2e",
      DATA_DIR: process.env.DATA_DIR ?? ".data-e2e",
      DATABASE_URL: process.env.E2E_DATABASE_URL ?? "",
      NEXT_TELEMETRY_DISABLED: "1",
      // No Inngest server in e2e: the app's relay runs background functions in-process, every second.
      JOBS_EXECUTOR: process.env.JOBS_EXECUTOR ?? "inline",
      OUTBOX_RELAY_INTERVAL_MS: "1000",
    },
  },
});
