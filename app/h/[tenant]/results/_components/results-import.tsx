"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { Input } from "@/app/_components/ui/input";
import { Label } from "@/app/_components/ui/label";
import { Select } from "@/app/_components/ui/select";
import { Table, TableBody, TableCell, TableFrame, TableHead, TableHeaderCell, TableRow } from "@/app/_components/ui/table";
import { useTRPC } from "@/app/_trpc/client";
import { MatchQueue } from "./match-queue";

type Format = "csv" | "xlsx" | "hl7v2" | "fhir";
const FIELDS = ["cardNo", "idNumber", "mrn", "patientId", "name", "reportId", "examDate", "department", "doctor", "indicator", "value", "unit", "range", "flag", "note"] as const;

function formatOf(name: string): Format {
  const n = name.toLowerCase();
  if (n.endsWith(".xlsx")) return "xlsx";
  if (n.endsWith(".hl7") || n.endsWith(".txt")) return "hl7v2";
  if (n.endsWith(".json")) return "fhir";
  return "csv";
}

async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Upload → preview and column mapping (CSV/XLSX) → import → per-row report. */
export function ResultsImport() {
  const t = useTranslations("results");
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [file, setFile] = useState<{ name: string; format: Format; base64: string } | null>(null);
  const [source, setSource] = useState("");
  const [saveAs, setSaveAs] = useState("");
  const [onlyProblems, setOnlyProblems] = useState(false);
  const { tenant } = useParams<{ tenant: string }>();
  const saved = useQuery(trpc.results.mappings.queryOptions());
  const preview = useMutation(trpc.results.preview.mutationOptions());
  const upload = useMutation(
    trpc.results.upload.mutationOptions({
      onSuccess: async () => {
        await Promise.all([qc.invalidateQueries({ queryKey: trpc.results.queue.queryKey() }), qc.invalidateQueries({ queryKey: trpc.results.mappings.queryKey() })]);
      },
    }),
  );
  const [mapping, setMapping] = useState<NonNullable<NonNullable<typeof preview.data>["suggested"]> | null>(null);

  async function choose(f: File | undefined) {
    upload.reset();
    if (!f) return setFile(null);
    const format = formatOf(f.name);
    const base64 = await toBase64(f);
    setFile({ name: f.name, format, base64 });
    if (!source) setSource(f.name.replace(/\.[^.]+$/, "").slice(0, 60));
    if (format === "csv" || format === "xlsx") {
      const p = await preview.mutateAsync({ format, fileBase64: base64 });
      setMapping(p.suggested);
    } else setMapping(null);
  }

  const report = upload.data;
  const rows = report ? report.rows.filter((r) => !onlyProblems || r.outcome !== "imported") : [];
  return (
    <div className="space-y-4">
      <Card>
        <CardHeader>
          <CardTitle>{t("upload.title")}</CardTitle>
        </CardHeader>
        <CardContent className="space-y-4">
          <p className="text-sm text-neutral-600">{t("upload.hint", { maxMb: 8 })}</p>
          <div className="grid gap-4 sm:grid-cols-2">
            <div className="space-y-1">
              <Label htmlFor="results-file">{t("upload.choose")}</Label>
              <Input id="results-file" type="file" accept=".csv,.xlsx,.hl7,.txt,.json" onChange={(e) => void choose(e.target.files?.[0])} />
            </div>
            <div className="space-y-1">
              <Label htmlFor="results-source">{t("upload.source")}</Label>
              <Input id="results-source" value={source} maxLength={100} onChange={(e) => setSource(e.target.value)} />
              <p className="text-xs text-neutral-500">{t("upload.sourceHint")}</p>
            </div>
          </div>
          {preview.data?.fileError ? <Alert tone="error">{t(`fileErrors.${preview.data.fileError.reason}` as "fileErrors.empty", preview.data.fileError.params)}</Alert> : null}
          {preview.data && !preview.data.fileError && mapping ? (
            <div className="space-y-3">
              <h3 className="text-sm font-medium">{t("upload.previewTitle", { n: preview.data.rows.length })}</h3>
              <TableFrame>
                <Table>
                  <TableHead>
                    <TableRow>{preview.data.headers.map((h) => <TableHeaderCell key={h}>{h}</TableHeaderCell>)}</TableRow>
                  </TableHead>
                  <TableBody>
                    {preview.data.rows.map((r, i) => (
                      <TableRow key={i}>{r.map((c, j) => <TableCell key={j}>{c}</TableCell>)}</TableRow>
                    ))}
                  </TableBody>
                </Table>
              </TableFrame>
              <h3 className="text-sm font-medium">{t("upload.mappingTitle")}</h3>
              {saved.data?.length ? (
                <div className="max-w-sm space-y-1">
                  <Label htmlFor="results-saved-mapping">{t("upload.savedMapping")}</Label>
                  <Select
                    id="results-saved-mapping"
                    defaultValue=""
                    onChange={(e) => {
                      const m = saved.data.find((x) => x.id === e.target.value);
                      if (m) setMapping(m.mapping);
                    }}
                  >
                    <option value="">{t("upload.suggestedMapping")}</option>
                    {saved.data.map((m) => (
                      <option key={m.id} value={m.id}>
                        {m.name}
                      </option>
                    ))}
                  </Select>
                </div>
              ) : null}
              <div className="max-w-sm space-y-1">
                <Label htmlFor="results-layout">{t("upload.layout")}</Label>
                <Select id="results-layout" value={mapping.layout} onChange={(e) => setMapping({ ...mapping, layout: e.target.value as "long" | "wide" })}>
                  <option value="long">{t("upload.layoutLong")}</option>
                  <option value="wide">{t("upload.layoutWide")}</option>
                </Select>
              </div>
              <div className="grid gap-3 sm:grid-cols-3">
                {FIELDS.filter((f) => mapping.layout === "long" || !["indicator", "value", "unit", "range", "flag", "note"].includes(f)).map((field) => (
                  <div key={field} className="space-y-1">
                    <Label htmlFor={`map-${field}`}>{t(`upload.fields.${field}`)}</Label>
                    <Select
                      id={`map-${field}`}
                      value={mapping.columns[field] ?? ""}
                      onChange={(e) => setMapping({ ...mapping, columns: { ...mapping.columns, [field]: e.target.value || undefined } })}
                    >
                      <option value="">{t("upload.notMapped")}</option>
                      {preview.data!.headers.map((h) => <option key={h} value={h}>{h}</option>)}
                    </Select>
                  </div>
                ))}
              </div>
              {mapping.layout === "wide" ? (
                <p className="text-sm text-neutral-600">
                  {t("upload.indicatorColumns")}: {mapping.indicators.map((i) => `${i.column} → ${i.code}${i.unit ? ` (${i.unit})` : ""}`).join("，") || "—"}
                </p>
              ) : null}
              <div className="max-w-sm space-y-1">
                <Label htmlFor="results-save-as">{t("upload.saveAs")}</Label>
                <Input id="results-save-as" value={saveAs} maxLength={60} placeholder={t("upload.saveAsPlaceholder")} onChange={(e) => setSaveAs(e.target.value)} />
              </div>
            </div>
          ) : null}
          {upload.error ? <Alert tone="error">{upload.error.message}</Alert> : null}
          <div className="flex gap-2">
            <Button
              disabled={!file || !source.trim() || upload.isPending}
              onClick={() => file && upload.mutate({ format: file.format, fileBase64: file.base64, source: source.trim(), mapping, saveMappingAs: saveAs.trim() || null })}
            >
              {upload.isPending ? t("upload.importing") : t("upload.import")}
            </Button>
          </div>
        </CardContent>
      </Card>
      {report ? (
        <Card>
          <CardHeader>
            <CardTitle>{t("report.title")}</CardTitle>
          </CardHeader>
          <CardContent className="space-y-3">
            {report.fileError ? (
              <Alert tone="error">{t(`fileErrors.${report.fileError.reason}` as "fileErrors.empty", report.fileError.params)}</Alert>
            ) : report.status === "rejected" ? (
              <Alert tone="error">{t("report.rejected", { n: report.counts.rejected })}</Alert>
            ) : (
              <Alert tone="success">{t("report.committed")}</Alert>
            )}
            <p className="text-sm" data-testid="import-counts">{t("report.counts", report.counts)}</p>
            {report.rowsTruncated ? <p className="text-xs text-neutral-500">{t("report.truncated")}</p> : null}
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={onlyProblems} onChange={(e) => setOnlyProblems(e.target.checked)} /> {t("report.onlyProblems")}
            </label>
            <TableFrame>
              <Table>
                <TableHead>
                  <TableRow>
                    <TableHeaderCell>{t("report.row")}</TableHeaderCell>
                    <TableHeaderCell>{t("report.outcome")}</TableHeaderCell>
                    <TableHeaderCell>{t("report.observations")}</TableHeaderCell>
                    <TableHeaderCell>{t("report.reason")}</TableHeaderCell>
                    <TableHeaderCell>{t("report.patient")}</TableHeaderCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {rows.map((r) => (
                    <TableRow key={r.rowNo}>
                      <TableCell>{r.rowNo}</TableCell>
                      <TableCell>{t(`outcome.${r.outcome}`)}</TableCell>
                      <TableCell>{r.observations}</TableCell>
                      <TableCell>
                        {r.reason ? t(`reasons.${r.reason}` as "reasons.valueMissing", r.params) : r.matchedBy ? t("report.matchedBy", { by: t(`matchedBy.${r.matchedBy}`) }) : ""}
                      </TableCell>
                      <TableCell>
                        {r.patientId && r.outcome !== "rejected" ? (
                          <Link href={`/h/${tenant}/patients/${r.patientId}`} className="text-primary-700 underline decoration-primary-300 underline-offset-2 hover:decoration-primary-700">
                            {t("report.openPatient")}
                          </Link>
                        ) : null}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </TableFrame>
          </CardContent>
        </Card>
      ) : null}
      <MatchQueue />
    </div>
  );
}
