import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./fixtures/sign-in";

// The demo seed gives patient 17001000000 ten yearly check-ups (db/seed/results-history.ts): systolic
// pressure above range in the last years, a falling eGFR. The health manager of that patient opens the
// trend chart, enters a blood pressure taken at a visit, and closes the class-A item it opens.

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
  await expect(page.getByText(/趋势预警/)).toBeVisible();
  await expect(page.getByText(/eGFR 从 101/)).toBeVisible();
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
  await expect(page.getByText(/未处理的重要异常结果/)).toBeVisible();

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
