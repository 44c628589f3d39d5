#!/usr/bin/env node
// `npm run e2e [-- playwright args]`: only the end-to-end stage of `npm test`.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { prepareE2e } from "./e2e-prepare.mjs";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const env = { ...process.env, ...(await prepareE2e()) };
const run = spawnSync(path.join(root, "node_modules", ".bin", "playwright"), ["test", ...process.argv.slice(2)], { cwd: root, env, stdio: "inherit" });
process.exit(run.status ?? 1);
