import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./fixtures/sign-in";

// The demo seed gives patient 17001000000 ten yearly check-ups (db/seed/results-history.ts): systolic
// pressure above range in the last years, a falling eGFR. The health manager of that patient opens the
// trend chart, enters a blood pressure taken at a visit, and closes the class-A item it opens.
// The administrator imports a lab's CSV export (columns mapped by hand where the file's header is not
// recognised), reads the per-row report, opens the patient's trend chart with the new abnormal point,
// and assigns the report that matched nobody to its patient from the to-match queue.

async function expectNoAxeViolations(page: Page) {
  const scan = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]).analyze();
  expect(scan.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

test("trend chart shows the abnormal points; a manual BP of 186/112 opens a class-A item that is closed with an outcome", async ({ page }) => {
  await signIn(page, "manager@demo.carepath.local");
  await page.goto("/h/demo/patients");
  await page.getByRole("searchbox", { name: /搜索姓名/ }).fill("17001000000");
  const row = page.locator("tbody tr").filter({ hasText: "170****0000" });
  await expect(row).toHaveCount(1);
  await row.getByRole("link").click();
  await expect(page).toHaveURL(/\/h\/demo\/patients\/[0-9a-f-]{36}$/);

  // 历年指标趋势: pick systolic pressure; the chart draws and the abnormal points are listed beside it.
  const trends = page.getByRole("region", { name: "历年指标趋势" }).or(page.locator("section", { has: page.getByRole("heading", { name: "历年指标趋势" }) })).first();
  await expect(page.getByRole("heading", { name: "历年指标趋势" })).toBeVisible();
  // The eGFR warning compares with the earliest value of the last five years (KDIGO "certain drop": 97,
  // not the 101 of ten years ago) and names the values with their unit.
  const warnings = page.getByRole("region", { name: /趋势预警/ });
  await expect(warnings.getByRole("listitem")).toHaveCount(2);
  await expect(warnings).toContainText(/eGFR 从 97 mL\/min\/1\.73m²（.+）降至 69 mL\/min\/1\.73m²（.+），下降 28\.9%，超过 25%。/);
  await expect(warnings).toContainText(/ALT 由 23 U\/L（.+）升至 49 U\/L（.+），为上次的 2\.13 倍。/);
  await page.getByRole("button", { name: /^收缩压/ }).click();
  const card = page.locator('[data-indicator="SBP"]');
  await expect(card.locator("canvas").first()).toBeVisible();
  const abnormal = card.getByTestId("abnormal-points");
  await expect(abnormal).toContainText("152 mmHg · 偏高");
  await expect(abnormal).toContainText("146 mmHg · 偏高");
  await expect(abnormal.locator("li")).toHaveCount(3);
  await expect(card).toContainText("参考范围 90–139 mmHg");
  await expectNoAxeViolations(page);
  void trends;

  // Manual entry: the same validation as an import (SBP 900 refused), then a real reading.
  await page.getByRole("button", { name: "录入测量" }).click();
  const dialog = page.getByRole("dialog", { name: "录入测量值" });
  await dialog.getByLabel("收缩压").fill("900");
  await dialog.getByLabel("舒张压").fill("112");
  await dialog.getByRole("button", { name: "保存" }).click();
  await expect(dialog.getByText("数值超出合理范围，请核对后再录入。")).toBeVisible();
  await dialog.getByLabel("收缩压").fill("186");
  await dialog.getByLabel("心率").fill("88");
  await dialog.getByRole("button", { name: "保存" }).click();
  await expect(page.getByText("已保存。发现重要异常结果：A 类 1 项、B 类 0 项，已生成待办。")).toBeVisible();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("heading", { name: /未处理的重要异常结果/ })).toBeVisible();

  // The worklist of 重要异常结果, class A only: the new item is there, overdue marking and all; close it.
  await page.goto("/h/demo/results/abnormal");
  await page.getByLabel("类别").selectOption("A");
  const item = page.locator("tbody tr").filter({ hasText: "收缩压 186 mmHg" });
  await expect(item).toHaveCount(1);
  await expect(item).toContainText("A 类 · 危急");
  await expect(item).toContainText("舒张压 112 mmHg");
  await expectNoAxeViolations(page);
  await item.getByRole("button", { name: /打开/ }).click();
  const outcome = page.getByRole("dialog", { name: "重要异常结果" });
  await outcome.getByLabel("已通知客户").check();
  await outcome.getByLabel("说明").fill("电话告知复测结果，建议今日心内科就诊。");
  await outcome.getByRole("button", { name: "登记并关闭" }).click();
  await expect(page.getByText("已登记处理结果。")).toBeVisible();
  await expect(item).toHaveCount(0);
});

async function openPatientByPhone(page: Page, phone: string): Promise<string> {
  await page.goto("/h/demo/patients");
  await page.getByRole("searchbox", { name: /搜索姓名/ }).fill(phone);
  const row = page.locator("tbody tr").filter({ hasText: `${phone.slice(0, 3)}****${phone.slice(-4)}` });
  await expect(row).toHaveCount(1);
  await row.getByRole("link").click();
  await expect(page).toHaveURL(/\/h\/demo\/patients\/[0-9a-f-]{36}$/);
  return page.url().split("/").pop()!;
}

test("CSV import: map an unknown column, read the report, see the abnormal point on the trend chart, match the queued report", async ({ page }) => {
  await signIn(page, "admin@demo.carepath.local");
  const patientId = await openPatientByPhone(page, "17001000003");
  const day = new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10);
  const csv = [
    "客户编号,病历号,姓名,体检日期,报告号,项目,结果,单位",
    `${patientId},,,${day},E2E-LIS-1,SBP,168,mmHg`,
    `${patientId},,,${day},E2E-LIS-1,DBP,96,mmHg`,
    `,MZ-E2E-77,李建国,${day},E2E-LIS-2,FPG,5.1,mmol/L`,
  ].join("\n");

  await page.goto("/h/demo/results");
  await page.getByLabel("来源系统").fill("检验科 LIS");
  await page.getByLabel("选择文件").setInputFiles({ name: "lis-export.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
  await expect(page.getByRole("heading", { name: /文件预览/ })).toBeVisible();
  // "客户编号" is not a header the mapper knows: the administrator maps it to our patient id.
  await expect(page.getByLabel("患者ID", { exact: true })).toHaveValue("");
  await expect(page.getByLabel("病历号", { exact: true })).toHaveValue("病历号");
  await page.getByLabel("患者ID", { exact: true }).selectOption("客户编号");
  await page.getByLabel("保存映射为").fill("检验科 LIS 导出");
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "导入", exact: true }).click();

  await expect(page.getByRole("heading", { name: "导入报告" })).toBeVisible();
  await expect(page.getByText("导入完成")).toBeVisible();
  await expect(page.getByTestId("import-counts")).toContainText("导入 2，待匹配 1，未更改 0，拒绝 0；新增报告 1 份、结果 2 项");
  const reportRows = page.getByRole("table").filter({ has: page.getByRole("columnheader", { name: "说明" }) }).locator("tbody tr");
  await expect(reportRows.filter({ hasText: "已导入" })).toHaveCount(2);
  await expect(reportRows.filter({ hasText: "待匹配" })).toHaveCount(1);

  // The to-match queue: the report of 李建国 (masked) waits; find the patient by phone and assign it.
  const queue = page.getByRole("table").filter({ has: page.getByRole("columnheader", { name: "文件中的标识" }) });
  const queued = queue.locator("tbody tr").filter({ hasText: "MZ-E2E-77" });
  await expect(queued).toContainText("李*国");
  await queued.getByRole("button", { name: /匹配患者/ }).click();
  const dialog = page.getByRole("dialog", { name: "选择患者" });
  await dialog.getByRole("button", { name: "确认匹配" }).click();
  await expect(dialog.getByText("请先选择患者。")).toBeVisible();
  await dialog.getByRole("searchbox", { name: "查找患者" }).fill("17001000004");
  await dialog.getByRole("list", { name: "候选患者" }).getByRole("button").first().click();
  await expect(dialog.getByTestId("picked-patient")).toBeVisible();
  await dialog.getByLabel("记住该病历号，以后自动匹配").check();
  await expectNoAxeViolations(page);
  await dialog.getByRole("button", { name: "确认匹配" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(/已写入 .+ 的档案/)).toBeVisible();
  await expect(page.getByText("没有待匹配的报告。")).toBeVisible();

  // From the report to the patient: the trend chart of systolic pressure shows the new abnormal point.
  await reportRows.filter({ hasText: "已导入" }).first().getByRole("link", { name: "查看患者" }).click();
  await expect(page).toHaveURL(new RegExp(`/h/demo/patients/${patientId}$`), { timeout: 30_000 });
  await expect(page.getByRole("heading", { name: "历年指标趋势" })).toBeVisible();
  await page.getByRole("button", { name: /^收缩压/ }).click();
  const card = page.locator('[data-indicator="SBP"]');
  await expect(card.locator("canvas").first()).toBeVisible();
  await expect(card.getByTestId("abnormal-points")).toContainText("168 mmHg · 偏高");
  await expect(card).toContainText("168");
});
