#!/usr/bin/env node
// `npm start`: build when the production build is missing or older than the sources, then serve it.
// (`next start` without a build prints "Ready" and then fails every request.)
import { spawnSync, spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const distDir = process.env.NEXT_DIST_DIR || ".next";
const buildId = path.join(root, distDir, "BUILD_ID");
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
const SOURCES = ["app", "server", "db", "emails", "i18n", "messages", "instrumentation.ts", "next.config.mjs", "package-lock.json", "postcss.config.mjs"];

function newestMtime(entry) {
  const full = path.join(root, entry);
  if (!existsSync(full)) return 0;
  const stat = statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of readdirSync(full)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const stale = !existsSync(buildId) || SOURCES.some((s) => newestMtime(s) > statSync(buildId).mtimeMs);
if (stale) {
  console.log(`[carepath] building (${existsSync(buildId) ? "sources changed" : "no build yet"})…`);
  // `next build` with a non-default NEXT_DIST_DIR adds that folder to tsconfig.json; keep the file as committed.
  const tsconfig = path.join(root, "tsconfig.json");
  const committedTsconfig = readFileSync(tsconfig, "utf8");
  const build = spawnSync(process.execPath, [nextBin, "build"], { cwd: root, env, stdio: "inherit" });
  if (readFileSync(tsconfig, "utf8") !== committedTsconfig) writeFileSync(tsconfig, committedTsconfig);
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const port = process.env.PORT || "3000";
// e.g. CAREPATH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=profiles" to profile the server under load.
const nodeArgs = (process.env.CAREPATH_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean);
const server = spawn(process.execPath, [...nodeArgs, nextBin, "start", "-p", port], { cwd: root, env: { ...env, NODE_ENV: "production" }, stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
