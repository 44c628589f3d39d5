import nextPlugin from "@next/eslint-plugin-next";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: ["node_modules/", ".next/", ".next-*/", ".data/", ".data-*/", "test-results/", "playwright-report/", "bench/results/", "next-env.d.ts"],
  },
  ...tseslint.configs.recommended,
  nextPlugin.configs["core-web-vitals"],
  {
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "warn",
    },
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // Kysely handles for "any schema" (migrations, audit over control or tenant) are Kysely<any> by design.
      "@typescript-eslint/no-explicit-any": ["error", { ignoreRestArgs: true }],
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@/db/client"], importNames: ["openDatabase"], message: "Only db/, server/tenancy and scripts open databases." }] },
      ],
    },
  },
  {
    files: ["db/**/*.ts", "server/audit/**/*.ts", "server/tenancy/**/*.ts", "tests/**/*.ts", "scripts/**/*.ts", "bench/**/*.ts", "bench/**/*.mjs"],
    rules: { "@typescript-eslint/no-explicit-any": "off", "no-restricted-imports": "off" },
  },
);
