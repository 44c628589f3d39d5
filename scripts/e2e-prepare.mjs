// Prepares the end-to-end run: a browser, an empty data folder and (with DATABASE_URL) a fresh
// PostgreSQL database seeded with the demo accounts. Returns the environment for Playwright.
import { spawnSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
export const E2E_DATA_DIR = ".data-e2e";
const DEBIAN_CHROMIUM = "/usr/bin/chromium";

async function findBrowser() {
  if (existsSync(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
  const { chromium } = await import("@playwright/test");
  if (existsSync(chromium.executablePath())) return "";
  console.log("[e2e] no Debian chromium; trying Playwright's own browser (npx playwright install chromium)…");
  const install = spawnSync(path.join(root, "node_modules", ".bin", "playwright"), ["install", "chromium"], { cwd: root, stdio: "inherit" });
  if (install.status === 0 && existsSync(chromium.executablePath())) return "";
  console.error(
    "[e2e] No browser available: install Debian's chromium (apt-get install chromium fonts-noto-cjk) or allow `npx playwright install chromium`.",
  );
  process.exit(1);
}

async function freshDatabase(url) {
  const target = new URL(url);
  const name = `${target.pathname.slice(1) || "carepath"}_e2e`;
  target.pathname = `/${name}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`drop database if exists "${name}" with (force)`);
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  return target.toString();
}

export async function prepareE2e() {
  const browser = await findBrowser();
  rmSync(path.join(root, E2E_DATA_DIR), { recursive: true, force: true });
  const env = { E2E_BROWSER: browser, DATA_DIR: E2E_DATA_DIR };
  if (process.env.DATABASE_URL) {
    const url = await freshDatabase(process.env.DATABASE_URL);
    const seed = spawnSync(path.join(root, "node_modules", ".bin", "tsx"), ["scripts/db-seed.ts"], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: url, DATA_DIR: E2E_DATA_DIR },
      stdio: ["ignore", "ignore", "inherit"],
    });
    if (seed.status !== 0) process.exit(1);
    env.E2E_DATABASE_URL = url;
  }
  return env;
}
