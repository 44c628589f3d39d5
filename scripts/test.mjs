#!/usr/bin/env node
// `npm test`: lint → typecheck → vitest (unit + integration) → Playwright end-to-end.
// Stops at the first failing stage and exits non-zero. With CI=true and DATABASE_URL set, the
// integration suite also runs a second time on the embedded PGlite so both databases stay green.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { prepareE2e } from "./e2e-prepare.mjs";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const withoutDatabase = () => {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  return env;
};

const stages = [
  { name: "lint", cmd: [bin("eslint"), "."] },
  { name: "typecheck", cmd: [bin("tsc"), "--noEmit"] },
  { name: `vitest (${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite"})`, cmd: [bin("vitest"), "run"] },
  ...(process.env.CI === "true" && process.env.DATABASE_URL
    ? [{ name: "vitest integration (PGlite)", cmd: [bin("vitest"), "run", "tests/integration"], env: withoutDatabase() }]
    : []),
  { name: "e2e (Playwright)", before: prepareE2e, cmd: [bin("playwright"), "test"] },
];

const results = [];
let failed = false;
for (const stage of stages) {
  const started = Date.now();
  console.log(`\n━━ ${stage.name} ━━`);
  let env = stage.env ?? process.env;
  if (stage.before) env = { ...env, ...(await stage.before()) };
  const run = spawnSync(stage.cmd[0], stage.cmd.slice(1), { cwd: root, env, stdio: "inherit" });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  results.push(`${run.status === 0 ? "✓" : "✗"} ${stage.name} (${seconds} s)`);
  if (run.status !== 0) {
    failed = true;
    break;
  }
}

console.log(`\n━━ summary ━━\n${results.join("\n")}`);
if (failed) {
  console.log("npm test: FAILED");
  process.exit(1);
}
console.log("npm test: all stages passed");
