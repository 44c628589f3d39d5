import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./fixtures/sign-in";

// A health manager opens a card, starts the hypertension plan (its first visit is due today), opens
// the worklist, records the visit from it with a controlled BP and sees the next task scheduled in
// three months.

const stamp = Date.now();
const name = `欧阳随访${String(stamp).slice(-4)}`;
const phone = `136${String(stamp).slice(-8)}`;

async function expectNoAxeViolations(page: Page) {
  const scan = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]).analyze();
  expect(scan.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

test("a manager records a follow-up from the worklist and sees the next task scheduled", async ({ page }) => {
  test.setTimeout(300_000);
  await signIn(page, "manager@demo.carepath.local");
  await page.goto("/h/demo/patients/new");
  await page.getByLabel("姓名").first().fill(name);
  await page.getByLabel(/出生日期/).first().fill("1956-07-12");
  await page.getByLabel("手机号", { exact: true }).first().fill(phone);
  await page.getByLabel(/会员等级/).fill("银卡");
  await page.getByRole("button", { name: "开卡", exact: true }).click();
  await expect(page).toHaveURL(/\/h\/demo\/patients\/[0-9a-f-]{36}\?opened=/, { timeout: 30_000 });
  const patientId = /patients\/([0-9a-f-]{36})/.exec(page.url())![1]!;

  const plans = page.getByRole("list", { name: "随访计划" });
  await page.getByLabel("随访模板").selectOption({ label: "高血压随访" });
  await page.getByRole("button", { name: "开始随访计划" }).click();
  await expect(page.getByText("随访计划已开始，首个任务已加入工作台。")).toBeVisible();
  await expect(plans.getByTestId("followup-plan")).toContainText("进行中");

  await page.getByRole("link", { name: "查看该客户的随访任务" }).click();
  await expect(page).toHaveURL(new RegExp(`/h/demo/followups\\?patient=${patientId}`));
  await expect(page.getByRole("heading", { name: "随访工作台" })).toBeVisible();
  await expect(page.getByRole("tab", { name: /今日到期/ })).toHaveAttribute("aria-selected", "true");
  const row = page.locator("tr[data-task-id]");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("常规随访（3 个月）");
  await expect(row).toContainText("高血压随访");
  await expect(page.getByTestId("count-today")).toHaveText("1");
  await page.screenshot({ path: "test-results/followups-worklist.png", fullPage: true });
  await expectNoAxeViolations(page);

  await row.getByRole("link", { name: /记录随访/ }).click();
  await expect(page.getByRole("heading", { name: /记录随访/ })).toBeVisible();
  await page.getByRole("button", { name: "保存随访记录" }).click();
  await expect(page.getByText("请选择联系结果")).toBeVisible();
  await page.getByLabel("已面访").check();
  await page.getByRole("radiogroup", { name: /规律服药/ }).getByLabel("是").check();
  await page.getByLabel("收缩压 (mmHg)").fill("132");
  await page.getByLabel("舒张压 (mmHg)").fill("82");
  await page.getByLabel("备注").fill("血压平稳");
  await page.screenshot({ path: "test-results/followups-record-form.png", fullPage: true });
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "保存随访记录" }).click();
  await expect(page.getByText("随访已记录。")).toBeVisible();
  await expect(page.getByTestId("assessment").first()).toHaveText("控制满意");
  const next = new Date(Date.now() + 90 * 86_400_000);
  const nextText = new Intl.DateTimeFormat("zh-CN", { year: "numeric", month: "long", day: "numeric", timeZone: "Asia/Shanghai" }).format(next);
  await expect(page.getByTestId("next-task")).toHaveText(`下一次任务：${nextText}`);
  await expect(page.locator("[data-record-id]").first()).toContainText("132/82 mmHg");
  await page.screenshot({ path: "test-results/followups-recorded.png", fullPage: true });

  await page.getByRole("link", { name: "返回工作台" }).click();
  await page.goto(`/h/demo/followups?patient=${patientId}`);
  await page.getByRole("tab", { name: /即将到期/ }).click();
  // The onboarding tasks of a new card are upcoming too: by type, the next visit is the one routine task.
  await page.getByLabel("任务类型").selectOption({ label: "常规随访（3 个月）" });
  await expect(page.locator("tr[data-task-id]")).toHaveCount(1);
  await expect(page.locator("tr[data-task-id]")).toContainText(nextText);
  await expect(page.getByTestId("count-today")).toHaveText("0");
});
