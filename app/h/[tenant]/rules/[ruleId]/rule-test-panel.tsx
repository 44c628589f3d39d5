"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { CheckCircle2, Search, XCircle } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/app/_components/ui/alert";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { Input } from "@/app/_components/ui/input";
import { useTRPC } from "@/app/_trpc/client";
import { toBuilder } from "../_lib/condition-model";

interface ExplainNode {
  logic: unknown;
  result: boolean;
  children: ExplainNode[];
}
interface TestResult {
  matched: boolean;
  facts: Record<string, unknown>;
  used: Record<string, unknown>;
  explanation: ExplainNode;
}

const show = (v: unknown) => (v === null || v === undefined ? "—" : Array.isArray(v) ? v.join(", ") || "—" : typeof v === "object" ? JSON.stringify(v) : String(v));

/** "Test against a patient": pick a patient in scope, see their facts, the match and the result of every part. */
export function RuleTestPanel({ conditionText }: { conditionText: string }) {
  const t = useTranslations("rules.editor");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [q, setQ] = useState("");
  const [search, setSearch] = useState("");
  const [patient, setPatient] = useState<{ id: string; name: string } | null>(null);
  const [result, setResult] = useState<TestResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const patients = useQuery({ ...trpc.patient.list.queryOptions({ q: search, sort: "createdDesc" }), enabled: search.length > 0 });

  const run = async (p: { id: string; name: string }) => {
    setPatient(p);
    setError(null);
    setRunning(true);
    try {
      setResult((await queryClient.fetchQuery({ ...trpc.rules.test.queryOptions({ patientId: p.id, condition: conditionText }), staleTime: 0 })) as TestResult);
    } catch (e) {
      setResult(null);
      setError((e as Error).message);
    } finally {
      setRunning(false);
    }
  };

  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("test")}</CardTitle>
      </CardHeader>
      <CardContent className="space-y-3">
        <form
          className="flex gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            setSearch(q.trim());
          }}
        >
          <label className="min-w-0 flex-1 text-sm">
            <span className="sr-only">{t("testPatient")}</span>
            <Input value={q} onChange={(e) => setQ(e.target.value)} placeholder={t("testPatientHint")} aria-label={t("testPatient")} />
          </label>
          <Button type="submit" variant="secondary">
            <Search aria-hidden className="size-4" />
            {t("searchPatient")}
          </Button>
        </form>
        {search && patients.data ? (
          patients.data.items.length === 0 ? (
            <p className="text-sm text-slate-600">{t("noPatients")}</p>
          ) : (
            <ul className="flex flex-wrap gap-2">
              {patients.data.items.slice(0, 8).map((p) => (
                <li key={p.id}>
                  <Button size="sm" variant={patient?.id === p.id ? "primary" : "secondary"} onClick={() => void run({ id: p.id, name: p.nameMasked })} disabled={running}>
                    {t("testRun")}: {p.nameMasked}
                    {p.age !== null ? ` · ${p.age}` : ""}
                  </Button>
                </li>
              ))}
            </ul>
          )
        ) : null}
        {error ? <Alert tone="error">{error}</Alert> : null}
        {result && patient ? (
          <div className="space-y-3" data-testid="rule-test-result">
            <p className="flex items-center gap-2 text-sm font-medium">
              {result.matched ? <CheckCircle2 aria-hidden className="size-5 text-green-700" /> : <XCircle aria-hidden className="size-5 text-slate-500" />}
              {patient.name}: {result.matched ? t("matchedYes") : t("matchedNo")}
            </p>
            <section>
              <h3 className="text-sm font-semibold text-slate-900">{t("usedFacts")}</h3>
              <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
                {Object.entries(result.used).map(([name, value]) => (
                  <div key={name} className="contents">
                    <dt className="font-mono text-xs text-slate-600">{name}</dt>
                    <dd className="text-slate-900">{show(value)}</dd>
                  </div>
                ))}
              </dl>
            </section>
            <section>
              <h3 className="text-sm font-semibold text-slate-900">{t("parts")}</h3>
              <ExplainTree node={result.explanation} />
            </section>
            <details className="rounded-md border border-slate-200 p-2 text-sm">
              <summary className="cursor-pointer font-medium text-slate-800">{t("allFacts")}</summary>
              <pre className="mt-2 max-h-72 overflow-auto rounded bg-slate-50 p-2 text-xs">{JSON.stringify(result.facts, null, 2)}</pre>
            </details>
          </div>
        ) : null}
      </CardContent>
    </Card>
  );
}

/** A part as a person reads it: groups by their kind, comparisons as "fact operator value", the rest as JSON. */
function describe(node: ExplainNode, t: ReturnType<typeof useTranslations<"rules.editor">>): string {
  const op = node.logic && typeof node.logic === "object" && !Array.isArray(node.logic) ? Object.keys(node.logic)[0] : undefined;
  if (node.children.length && (op === "and" || op === "or")) return op === "and" ? t("all") : t("any");
  const model = toBuilder(node.logic);
  if (model && model.items.length === 1 && model.items[0]!.kind === "comparison") {
    const c = model.items[0]!;
    return `${c.fact} ${t(`operators.${c.op}`)} ${String(c.value)}`;
  }
  return JSON.stringify(node.logic);
}

function ExplainTree({ node }: { node: ExplainNode }) {
  const t = useTranslations("rules.editor");
  return (
    <ul className="mt-1 space-y-1 border-l border-slate-200 pl-3 text-sm">
      <li>
        <span className="flex flex-wrap items-center gap-2">
          <Badge tone={node.result ? "ok" : "neutral"}>{node.result ? t("true") : t("false")}</Badge>
          <code className="text-xs break-all text-slate-700">{describe(node, t)}</code>
        </span>
        {node.children.length ? (
          <div className="mt-1">
            {node.children.map((c, i) => (
              <ExplainTree key={i} node={c} />
            ))}
          </div>
        ) : null}
      </li>
    </ul>
  );
}
